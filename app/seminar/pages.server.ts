/**
 * The seminar pages' loaders and the start form's action. Every page is per
 * person (the host's controls, a participant's own answers), so every answer
 * carries `Cache-Control: no-store` and stays out of the render cache. The
 * live parts start from the same views the streams send (views.server.ts).
 */
import { data, redirect } from "@remix-run/node";
import { CACHE_NONE } from "~/lib/headers.server";
import { SHARED_DOCUMENT } from "~/lib/render-cache.server";
import { getContent } from "~/models/content.server";
import { presenterScreen } from "~/models/present.server";
import { sameOrigin } from "./actions.server";
import type { SeminarContext } from "./context.server";
import { enterSeminar, isKnownMember, openSeminar, rememberMember } from "./gate.server";
import { claimHostLink, hostCookie, hostSecretOf, participant, requireHost } from "./identity.server";
import { qrSvg } from "./qr.server";
import { normalizeCode, QUESTION_MAX_LENGTH, SeminarError, unknownCode } from "./rules";
import type { SeminarRequest } from "./seminar-request";
import type { RoomState, SeminarState } from "./service.server";
import { resultsView, stepLabel, type HostView, type ScreenView } from "./views.server";

function noStore<T>(view: T, { setCookie, status = 200, sharedAs }: { setCookie?: string; status?: number; sharedAs?: string } = {}) {
  const headers = new Headers({ "Cache-Control": CACHE_NONE });
  if (setCookie) headers.append("Set-Cookie", setCookie);
  if (sharedAs !== undefined) headers.set(SHARED_DOCUMENT, sharedAs);
  return data(view, { status, headers });
}

/** The code as people see it and as every address spells it (the host cookie's path is case-sensitive): a code typed another way moves there for good. */
function canonical(request: SeminarRequest, state: RoomState, asked: string) {
  if (asked === state.code) return;
  const url = new URL(request.url);
  url.pathname = url.pathname.split("/").map((segment) => (decodeURIComponent(segment) === asked ? state.code : segment)).join("/");
  throw redirect(url.pathname + url.search, 301);
}

/** The host's pages answer for ended seminars too: the results stay until they are deleted. */
async function hostState({ service, limits, visitor }: SeminarContext, code: string): Promise<SeminarState> {
  const state = await enterSeminar(service, limits, visitor, code, { ended: true });
  canonical(visitor.request, state, code);
  await requireHost(service, visitor.request, state.code);
  // The host's pages show how many joined: the whole state.
  const full = await service.getState(state.code);
  if (!full) throw unknownCode(code);
  return full;
}

const LOOPBACK = /^(localhost|127(\.\d{1,3}){3}|\[::1\]|0\.0\.0\.0)$/i;

/**
 * Where phones join: COUNTERPOINT_PUBLIC_URL, or the address the host used.
 * When that is this machine's own (localhost), no phone can open it: say so,
 * and what to do instead.
 */
function joinAddress({ visitor, publicUrl, lanUrl }: SeminarContext, code: string) {
  const origin = publicUrl ?? new URL(visitor.request.url).origin;
  const { host, hostname } = new URL(origin);
  const unreachable = LOOPBACK.test(hostname)
    ? `Phones cannot open ${host}: it names each phone itself. ${
        lanUrl ? `Open this page at ${lanUrl}/s/${code}/present instead, on a network the phones share, or set` : "Set"
      } COUNTERPOINT_PUBLIC_URL to the address phones can reach and restart the server.`
    : undefined;
  return { url: `${origin}/s/${code}`, short: `${host}/s/${code}`, unreachable };
}

/** A message a plain form post came back with (`?error=`), to show above the form. */
function errorOf(request: SeminarRequest): string | undefined {
  return new URL(request.url).searchParams.get("error")?.slice(0, 500) || undefined;
}

// ---- /seminar ----

export function startPage(request: Request) {
  const url = new URL(request.url);
  const typed = url.searchParams.get("code");
  if (typed !== null) {
    // Dots, slashes and the like creep in when a code is copied from a screen or a chat.
    const code = normalizeCode(typed.replace(/[^\p{L}\p{N}]/gu, ""));
    if (code) throw redirect(`/s/${code}`, 303);
  }
  const { debate } = getContent();
  const topics = debate.topics.map((topic) => ({ id: topic.id, title: topic.title, question: topic.question }));
  const chosen = url.searchParams.get("topic");
  const joinError =
    typed === null
      ? undefined
      : `“${typed.slice(0, 40)}” is not a join code: a code has 6 letters and digits, such as K7MQ2P (never I, L, O, 0 or 1). Check the code on the screen and type it again.`;
  return noStore(
    { topics, chosen: topics.some((topic) => topic.id === chosen) ? chosen : topics[0]?.id, typed: typed ?? "", joinError },
    { status: joinError ? 400 : 200 },
  );
}

/** POST /seminar: a new seminar on the chosen question; its creator becomes the host. */
export async function startSeminar({ service, visitor: { request } }: SeminarContext) {
  if (!sameOrigin(request)) {
    return noStore({ error: "Cross-site request refused: start a seminar from this site's own page." }, { status: 403 });
  }
  const form = new URLSearchParams(await request.text());
  const topic = form.get("topic") ?? "";
  if (!service.content.topics.has(topic)) {
    return noStore({ error: `Choose one of the questions in the list; “${topic.slice(0, 60)}” is not one of them.` }, { status: 400 });
  }
  const { code, hostSecret } = await service.createSeminar(topic);
  const target = form.get("open") === "host" ? "host" : "present";
  return redirect(`/s/${code}/${target}`, { status: 303, headers: { "Set-Cookie": hostCookie(code, hostSecret, request) } });
}

// ---- /s/:code (the phones) ----

/** A participant's own part of the phone's view: their answers, questions and upvotes. */
export interface Mine {
  votes: Partial<Record<string, string>>;
  asked: number[];
  upvoted: number[];
}

export async function phonePage(context: SeminarContext, code: string) {
  const { service, limits, live, visitor } = context;
  const state = await enterSeminar(service, limits, visitor, code, { ended: false });
  canonical(visitor.request, state, code);
  const me = participant(visitor.request);
  // A room reloading at once must not write a join each: a known participant has joined already.
  if (!isKnownMember(state.code, me.id)) {
    await service.join(state.code, me.id);
    rememberMember(state.code, me.id);
  }
  const view = await live.roomViewOf(state);
  const asked = Number(new URL(visitor.request.url).searchParams.get("step"));
  // Paused, a phone may step through the question on its own; following, it shows the host's step.
  const browsing = state.paused && Number.isInteger(asked) && asked >= 1 && asked <= state.total && asked !== state.step ? presenterScreen(state.topic, asked) : undefined;
  // A participant new this moment (its cookie is being set) has answered and asked nothing yet.
  const mine: Mine = me.setCookie ? { votes: {}, asked: [], upvoted: [] } : await service.mine(state.code, me.id, state.topic);
  return noStore(
    {
      view,
      browsing: browsing ? { screen: browsing, stepLabel: stepLabel(browsing.screen) } : undefined,
      // Always: the host may pause after the page has loaded.
      browse: browseLinks(context, state.topic),
      mine,
      questionMaxLength: QUESTION_MAX_LENGTH,
      error: errorOf(visitor.request),
    },
    // Nothing here is the phone's own when it joins now: its document is the one every phone joining at this room version gets.
    { setCookie: me.setCookie, sharedAs: me.setCookie ? joiningDocumentKey(state.code, view.roomVersion) : undefined },
  );
}

/** What the document every phone joining seminar `code` at this room version gets is kept under (SHARED_DOCUMENT). */
const joiningDocumentKey = (code: string, roomVersion: number) => `room ${code} ${roomVersion}`;

/**
 * A phone's first visit answered without Remix, when the document it would
 * render is kept already (`kept`, asked with phonePage's SHARED_DOCUMENT
 * key): the gate, a new participant, their join, and that document. A room
 * joining at once costs each phone a share of one read and of one write,
 * instead of Express, a loader and its data's encoding. Undefined, with nothing
 * written or counted, for every other request: phonePage answers it.
 */
export async function joinKeptDocument<Document>(context: SeminarContext, code: string, kept: (sharedAs: string) => Document | undefined) {
  const { service, limits, live, visitor } = context;
  const me = participant(visitor.request);
  if (!me.setCookie) return undefined;
  const state = await openSeminar(service, limits, visitor, code);
  if (!state) return undefined;
  const document = kept(joiningDocumentKey(state.code, (await live.roomViewOf(state)).roomVersion));
  if (document === undefined) return undefined;
  try {
    await service.join(state.code, me.id);
  } catch (refusal) {
    // Ended or gone while the join waited for its batch: nothing was written, and phonePage says which.
    if (refusal instanceof SeminarError) return undefined;
    throw refusal;
  }
  rememberMember(state.code, me.id);
  return { document, setCookie: me.setCookie };
}

/** While the host has paused following: the question's own pages, to read at one's own pace. */
function browseLinks({ service }: SeminarContext, topic: string) {
  const seminarTopic = service.content.topics.get(topic);
  return [
    { href: `/topics/${topic}`, label: `Every answer to “${seminarTopic?.title ?? topic}”` },
    ...(seminarTopic?.viewpoints ?? []).map((viewpoint) => ({ href: `/topics/${topic}#${viewpoint.id}`, label: viewpoint.name })),
  ];
}

// ---- /s/:code/present ----

export async function projectorPage(context: SeminarContext, code: string) {
  const state = await hostState(context, code);
  const view = await context.live.viewOf<ScreenView>(state, "screen");
  const join = joinAddress(context, state.code);
  return noStore({ view, join: { short: join.short, qr: qrSvg(join.url), unreachable: join.unreachable } });
}

// ---- /s/:code/host ----

export async function hostPage(context: SeminarContext, code: string) {
  const { service, visitor } = context;
  // The host link (?key=) sets the host cookie and comes back without the secret in the address.
  if (new URL(visitor.request.url).searchParams.has("key")) throw await claimHostLink(service, visitor.request, code);
  const state = await hostState(context, code);
  const view = await context.live.viewOf<HostView>(state, "host");
  const join = joinAddress(context, state.code);
  const secret = hostSecretOf(visitor.request, state.code);
  const base = `/s/${state.code}`;
  return noStore({
    view,
    join,
    hostLink: secret ? `${join.url}/host?key=${encodeURIComponent(secret)}` : undefined,
    links: { present: `${base}/present`, csv: `${base}/results.csv`, json: `${base}/results.json`, summary: `${base}/summary` },
    confirmEnd: new URL(visitor.request.url).searchParams.get("confirm") === "end",
    error: errorOf(visitor.request),
  });
}

// ---- /s/:code/summary ----

export async function summaryPage(context: SeminarContext, code: string) {
  const state = await hostState(context, code);
  const exported = await context.service.exportResults(state.code);
  const content = getContent();
  const topics = exported.topics
    .filter((topic) => topic.before.total + topic.after.total + topic.strongest.total > 0 || topic.topic === state.topic)
    .map((topic) => ({
      id: topic.topic,
      title: content.topics.get(topic.topic)?.title ?? topic.topic,
      question: content.topics.get(topic.topic)?.question ?? "",
      results: resultsView(topic),
    }));
  return noStore({
    code: state.code,
    debateTitle: content.debate.title,
    date: exported.seminar.createdAt,
    ended: exported.seminar.endedAt,
    participants: state.participants,
    topics,
    questions: exported.questions.slice(0, 20),
  });
}
