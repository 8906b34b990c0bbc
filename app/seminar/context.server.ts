/**
 * What every seminar route starts from: the service, the shared limits, the
 * live views, and who is asking (the request and the client's address, as
 * the server in front of Remix saw it). A SeminarError a route meets becomes
 * the app's one kind of refusal here.
 */
import type { AppLoadContext } from "@remix-run/node";
import { refuse } from "~/lib/refuse.server";
import type { Visitor } from "./gate.server";
import type { Limits } from "./limits.server";
import type { Live } from "./live.server";
import { SeminarError } from "./rules";
import type { SeminarRequest } from "./seminar-request";
import { liveViews, seminarLimits, seminarService } from "./seminars.server";
import type { Seminars } from "./service.server";

export interface SeminarContext {
  service: Seminars;
  limits: Limits;
  live: Live;
  visitor: Visitor;
  /** The origin phones are sent to: COUNTERPOINT_PUBLIC_URL, or the address the host used. */
  publicUrl?: string;
  lanUrl?: string;
  connectionClosed?: AbortSignal;
}

export async function seminarContext(request: SeminarRequest, context: Partial<AppLoadContext> = {}): Promise<SeminarContext> {
  const [service, limits, live] = await Promise.all([seminarService(), seminarLimits(), liveViews()]);
  return {
    service,
    limits,
    live,
    visitor: { request, address: context.clientAddress ?? "unknown" },
    publicUrl: context.publicUrl,
    lanUrl: context.lanUrl,
    connectionClosed: context.connectionClosed,
  };
}

/** Runs a seminar loader, turning a SeminarError into a refusal its error boundary shows. */
export async function refusingSeminarErrors<T>(request: SeminarRequest, work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (error) {
    if (error instanceof SeminarError) throw refuse(error.status, error.message, { request, retryAfter: error.retryAfter });
    throw error;
  }
}
