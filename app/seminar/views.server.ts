/**
 * What each seminar page shows. Every page is per person (the host's
 * controls, a participant's own votes), so every answer carries
 * `Cache-Control: no-store` and stays out of the render cache.
 */
import { data, redirect } from "@remix-run/node";
import { POLL_CHOICES, POLL_CHOICE_LABELS, viewpointHue } from "~/lib/labels";
import { getContent } from "~/models/content.server";
import { claimHostLink, hostCookie, hostSecretOf, participant, sameOrigin, requireHost, seminarOr404 } from "./http.server";
import { presenterScreen, stepsOf, type PresenterScreen } from "./present.server";
import { qrSvg } from "./qr.server";
import {
  createSeminar,
  exportResults,
  getState,
  join,
  myVotes,
  normalizeCode,
  QUESTION_MAX_LENGTH,
  questions,
  results,
  type SeminarState,
  type TopicResults,
} from "./seminars.server";

function noStore<T>(view: T, { setCookie, status = 200 }: { setCookie?: string; status?: number } = {}) {
  const headers = new Headers({ "Cache-Control": "no-store" });
  if (setCookie) headers.append("Set-Cookie", setCookie);
  return data(view, { status, headers });
}

/** The code as people see it and as every address spells it; the host cookie's path is case-sensitive. */
function canonical(request: Request, state: SeminarState, asked: string) {
  if (asked === state.code) return;
  const url = new URL(request.url);
  url.pathname = url.pathname.replace(`/s/${encodeURIComponent(asked)}`, `/s/${state.code}`);
  throw redirect(url.pathname + url.search, 301);
}

/** The host's pages answer for ended seminars too: the results stay downloadable until they are deleted. */
async function hostState(request: Request, code: string): Promise<SeminarState> {
  const state = (await getState(code)) ?? (await seminarOr404(request, code));
  canonical(request, state, code);
  await requireHost(request, state.code);
  return state;
}

function joinAddress(request: Request, code: string) {
  const { origin, host } = new URL(request.url);
  return { url: `${origin}/s/${code}`, short: `${host}/s/${code}` };
}

/** A message a plain form post came back with (`?error=`), to show above the form. */
function errorOf(request: Request): string | undefined {
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
export async function startSeminar(request: Request) {
  if (!sameOrigin(request)) {
    return data({ error: "Cross-site request refused: start a seminar from this site's own page." }, { status: 403 });
  }
  const form = await request.formData();
  const topic = String(form.get("topic") ?? "");
  if (!stepsOf(topic)) {
    return data({ error: `Choose one of the questions in the list; “${topic.slice(0, 60)}” is not one of them.` }, { status: 400 });
  }
  const { code, hostSecret } = await createSeminar(topic);
  const target = form.get("open") === "host" ? "host" : "present";
  return redirect(`/s/${code}/${target}`, { status: 303, headers: { "Set-Cookie": hostCookie(code, hostSecret, request) } });
}

// ---- shared pieces ----

type Screen = PresenterScreen["screen"];

/** A short name for a step, for the host's console and the phones' announcements. */
function stepLabel(screen: Screen): string {
  switch (screen.kind) {
    case "question":
      return "The question";
    case "overview":
      return "Where each viewpoint stands";
    case "viewpoint":
      return `${screen.viewpoint.name}: its claims`;
    case "item":
      return `${screen.viewpoint.name}: ${screen.item.type === "evidence" ? "evidence" : "counter-evidence"} ${screen.item.ordinal} of ${screen.item.count}`;
    case "closing":
      return "Where does the room stand now?";
  }
}

function share(count: number, total: number): number {
  return total === 0 ? 0 : Math.round((count / total) * 100);
}

/** Before and after side by side, with the shift (percentage points), and the strongest-case tally by viewpoint. */
function resultsView(topicResults: TopicResults) {
  const { before, after, shift, strongest } = topicResults;
  const content = getContent();
  const viewpoints = (stepsOf(topicResults.topic) ?? []).flatMap((step) => (step.kind === "viewpoint" && step.viewpoint ? [step.viewpoint] : []));
  return {
    before: { total: before.total },
    after: { total: after.total },
    rows: POLL_CHOICES.map((choice) => ({
      choice,
      label: POLL_CHOICE_LABELS[choice],
      before: share(before.counts[choice] ?? 0, before.total),
      after: share(after.counts[choice] ?? 0, after.total),
      shift: Math.round(shift[choice] ?? 0),
    })),
    strongest: {
      total: strongest.total,
      viewpoints: viewpoints
        .map((id) => {
          const perspective = content.perspectives.get(id)!;
          return { id, name: perspective.name, hue: viewpointHue(content.debate.perspectives.indexOf(perspective)), votes: strongest.counts[id] ?? 0 };
        })
        .sort((a, b) => b.votes - a.votes),
    },
  };
}

export type ResultsView = ReturnType<typeof resultsView>;

/** Where the host moves from the current step: the next question's first step after a closing screen. */
function neighbours(state: SeminarState) {
  const topics = getContent().debate.topics;
  const index = topics.findIndex((topic) => topic.id === state.topic);
  const nextTopic = topics[index + 1];
  return {
    back: state.step > 1 ? { topic: state.topic, step: state.step - 1 } : undefined,
    next:
      state.step < state.total
        ? { topic: state.topic, step: state.step + 1 }
        : nextTopic
          ? { topic: nextTopic.id, step: 1, title: nextTopic.title }
          : undefined,
  };
}

// ---- /s/:code/present ----

export async function projectorPage(request: Request, code: string) {
  const state = await hostState(request, code);
  const view = presenterScreen(state.topic, state.step);
  const address = joinAddress(request, state.code);
  return noStore({
    code: state.code,
    state,
    view,
    next: neighbours(state).next,
    join: { short: address.short, qr: qrSvg(address.url) },
    results: state.revealed && view.screen.kind === "closing" ? resultsView(await results(state.code, state.topic)) : undefined,
  });
}

// ---- /s/:code/host ----

export async function hostPage(request: Request, code: string) {
  // The host link (?key=) sets the host cookie and comes back without the secret in the address.
  if (new URL(request.url).searchParams.has("key")) throw await claimHostLink(request, code);
  const state = await hostState(request, code);
  const view = presenterScreen(state.topic, state.step);
  const address = joinAddress(request, state.code);
  const secret = hostSecretOf(request, state.code);
  const base = `/s/${state.code}`;
  return noStore({
    code: state.code,
    state,
    title: view.topic.title,
    question: view.topic.question,
    stepLabel: stepLabel(view.screen),
    ...neighbours(state),
    results: resultsView(await results(state.code, state.topic)),
    questions: await questions(state.code, { includeHidden: true }),
    join: address,
    hostLink: secret ? `${address.url}/host?key=${encodeURIComponent(secret)}` : undefined,
    links: {
      present: `${base}/present`,
      csv: `${base}/results.csv`,
      json: `${base}/results.json`,
      summary: `${base}/summary`,
    },
    error: errorOf(request),
  });
}

// ---- /s/:code ----

/** The poll a phone asks at this step, with the participant's current answer. */
function pollView(state: SeminarState, view: PresenterScreen, votes: Partial<Record<string, string>>) {
  const poll = state.openPoll;
  if (poll === "before" || poll === "after") {
    return {
      kind: poll,
      legend: poll === "before" ? "Where do you stand, before the discussion?" : "Where do you stand now, after the discussion?",
      options: POLL_CHOICES.map((choice) => ({ value: choice, label: POLL_CHOICE_LABELS[choice] })),
      mine: votes[poll],
    };
  }
  const { screen } = view;
  if (poll === "strongest" && (screen.kind === "viewpoint" || screen.kind === "item")) {
    const mine = votes.strongest;
    return {
      kind: poll,
      legend: `Did ${screen.viewpoint.name} make the strongest case?`,
      options: [{ value: screen.viewpoint.id, label: "This made the strongest case" }],
      mine,
      mineName: mine ? getContent().perspectives.get(mine)?.name : undefined,
    };
  }
  return undefined;
}

/** While the host has paused following: the question's own pages, to read at one's own pace. */
function browseLinks(topic: string) {
  const content = getContent();
  const viewpoints = (stepsOf(topic) ?? []).flatMap((step) => (step.kind === "viewpoint" && step.viewpoint ? [step.viewpoint] : []));
  return [
    { href: `/topics/${topic}`, label: `Every answer to “${content.topics.get(topic)?.title ?? topic}”` },
    ...viewpoints.map((id) => ({ href: `/topics/${topic}#${id}`, label: content.perspectives.get(id)?.name ?? id })),
  ];
}

export async function phonePage(request: Request, code: string) {
  const state = await seminarOr404(request, code);
  canonical(request, state, code);
  const me = participant(request);
  await join(state.code, me.id);
  const asked = Number(new URL(request.url).searchParams.get("step"));
  // Paused, a phone may step through the question on its own; following, it shows the host's step.
  const browsing = state.paused && Number.isInteger(asked) && asked >= 1 && asked <= state.total && asked !== state.step ? asked : undefined;
  const view = presenterScreen(state.topic, browsing ?? state.step);
  const votes = await myVotes(state.code, me.id, state.topic);
  return noStore(
    {
      code: state.code,
      state,
      view,
      stepLabel: stepLabel(view.screen),
      browsing,
      poll: browsing ? undefined : pollView(state, view, votes),
      questions: await questions(state.code, { participantId: me.id, includeHidden: false }),
      questionMaxLength: QUESTION_MAX_LENGTH,
      browse: state.paused ? browseLinks(state.topic) : undefined,
      error: errorOf(request),
    },
    { setCookie: me.setCookie },
  );
}

// ---- /s/:code/summary ----

export async function summaryPage(request: Request, code: string) {
  const state = await hostState(request, code);
  const exported = await exportResults(state.code);
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
    participants: state.participants,
    topics,
    questions: exported.questions.filter((question) => !question.hidden).slice(0, 10),
  });
}

/** A seminar route's `headers`: its loader's no-store (and cookie) reach the document. */
export const seminarHeaders = ({ loaderHeaders }: { loaderHeaders: Headers }) => loaderHeaders;
