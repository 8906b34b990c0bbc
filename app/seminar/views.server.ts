/**
 * What each seminar screen shows, built from the seminar's state and the
 * debate: the phones' view (the same for the whole room but for each phone's
 * own answers, which the phone keeps), the projector's, and the host's. The
 * live streams send these views as they change (live.server.ts), and the
 * pages' loaders start from them, so a page and its stream always agree.
 */
import { viewpointHue } from "~/lib/labels";
import { getContent } from "~/models/content.server";
import { presenterScreen, type PresenterScreen } from "~/models/present.server";
import { describeMovement, type PairedResults } from "./paired";
import { POLLS, SOMETHING_ELSE, STANCE_CHOICES, STANCE_CHOICE_LABELS, type Choice, type PollKind } from "./polls";
import type { RoomQuestion, RoomState, SeminarState, Seminars, TopicResults } from "./service.server";
import type { SeminarContent } from "./topic";

export type Audience = "room" | "screen" | "host";

export interface PollView {
  kind: PollKind;
  legend: string;
  options: Choice[];
  /** Only participants whose answer changed are asked it. */
  forChangedAnswers: boolean;
}

/** The few fields of a question the room sees: not who asked it. */
export interface SharedQuestion {
  id: number;
  text: string;
  votes: number;
}

interface Bar {
  choice: string;
  label: string;
  count: number;
  /** Of the poll's answers, rounded. */
  percent: number;
}

export interface MovedClaim {
  id: string;
  label: string;
  hue?: number;
  count: number;
}

export interface ResultsView {
  topic: string;
  before: { total: number; bars: Bar[] };
  after: { total: number; bars: Bar[] };
  /** Points each answer gained or lost between the polls; null until the after poll has answers. */
  shift: { choice: string; label: string; points: number }[] | null;
  paired: PairedResults & { summary: string };
  strongest: { total: number; viewpoints: { id: string; name: string; hue: number; votes: number }[] };
  moved: { total: number; towardYes: MovedClaim[]; towardNo: MovedClaim[]; other: MovedClaim[] };
}

/** What every phone shows: the same for the whole room. The state's fields but the joined count (`roomVersion` orders these views). */
export interface RoomView extends Omit<SeminarState, "participants"> {
  screen: PresenterScreen;
  stepLabel: string;
  polls: PollView[];
  questions: SharedQuestion[];
  /** Once the host reveals them, on the closing screen or after the end. */
  results: ResultsView | null;
}

/** The projector: what the room sees, the counts, and the results only once revealed. */
export interface ScreenView extends RoomView {
  here: number;
  joined: number;
  /** Answers so far to the poll open now. */
  answered: number | null;
}

/** One step of the question on now, named, for the console to jump to. */
export interface OutlineEntry {
  step: number;
  kind: PresenterScreen["screen"]["kind"];
  label: string;
}

/** The host's console: everything, the results before they are revealed too, every question, and the steps of the question on now. */
export interface HostView extends ScreenView {
  hostResults: ResultsView;
  allQuestions: RoomQuestion[];
  /** In the view, not the page's loader: it follows the host to the next question. */
  outline: OutlineEntry[];
}

export type LiveView = RoomView | ScreenView | HostView;

/** How many of the room's questions the phones get, most upvoted first. */
const SHARED_QUESTIONS = 50;

type Screen = PresenterScreen["screen"];

/** A short name for a step, for the host's console and the phones' announcements. */
export function stepLabel(screen: Screen): string {
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

const outlines = new WeakMap<object, Map<string, OutlineEntry[]>>();

/** Every step of a question, named; the same for every seminar on it, so made once per question. */
function outlineOf(topic: string): OutlineEntry[] {
  const content = getContent();
  let byTopic = outlines.get(content);
  if (!byTopic) outlines.set(content, (byTopic = new Map()));
  let outline = byTopic.get(topic);
  if (!outline) {
    const total = presenterScreen(topic, 1).total;
    outline = Array.from({ length: total }, (_, index) => {
      const screen = presenterScreen(topic, index + 1);
      return { step: index + 1, kind: screen.screen.kind, label: stepLabel(screen.screen) };
    });
    byTopic.set(topic, outline);
  }
  return outline;
}

const percent = (count: number, total: number) => (total === 0 ? 0 : Math.round((count / total) * 100));

function bars(counts: Record<string, number>, total: number): Bar[] {
  return STANCE_CHOICES.map((choice) => ({ choice, label: STANCE_CHOICE_LABELS[choice], count: counts[choice] ?? 0, percent: percent(counts[choice] ?? 0, total) }));
}

/** The results as the screens draw them: counts beside every share, the paired movement in words, what moved people ranked. */
export function resultsView(results: TopicResults): ResultsView {
  const content = getContent();
  const topic = content.topics.get(results.topic);
  const hueOf = (viewpoint: string) => {
    const perspective = content.perspectives.get(viewpoint);
    return perspective ? viewpointHue(content.debate.perspectives.indexOf(perspective)) : undefined;
  };
  const movedClaims = (counts: Record<string, number>): MovedClaim[] =>
    Object.entries(counts)
      .filter(([, count]) => count > 0)
      .map(([id, count]) => {
        const claim = content.claims.get(id);
        if (!claim || id === SOMETHING_ELSE) return { id, label: "Something else", count };
        return { id, label: `${content.perspectives.get(claim.perspective)?.name ?? claim.perspective}: ${claim.title}`, hue: hueOf(claim.perspective), count };
      })
      .sort((a, b) => b.count - a.count || a.label.localeCompare(b.label));
  const viewpoints = Object.keys(results.strongest.counts).map((id) => ({
    id,
    name: content.perspectives.get(id)?.name ?? id,
    hue: hueOf(id) ?? 0,
    votes: results.strongest.counts[id] ?? 0,
  }));
  return {
    topic: topic?.id ?? results.topic,
    before: { total: results.before.total, bars: bars(results.before.counts, results.before.total) },
    after: { total: results.after.total, bars: bars(results.after.counts, results.after.total) },
    shift: results.shift && STANCE_CHOICES.map((choice) => ({ choice, label: STANCE_CHOICE_LABELS[choice], points: Math.round(results.shift![choice] ?? 0) })),
    paired: { ...results.paired, summary: describeMovement(results.paired) },
    strongest: { total: results.strongest.total, viewpoints: viewpoints.sort((a, b) => b.votes - a.votes) },
    moved: {
      total: Object.values(results.moved).reduce((sum, count) => sum + count, 0),
      towardYes: movedClaims(results.movedBySide.towardYes),
      towardNo: movedClaims(results.movedBySide.towardNo),
      other: movedClaims(results.movedBySide.other),
    },
  };
}

function pollViews(state: RoomState, content: SeminarContent): PollView[] {
  const seminarTopic = content.topics.get(state.topic);
  const step = seminarTopic?.steps[state.step - 1];
  if (!seminarTopic || !step) return [];
  return state.openPolls.map((kind) => ({
    kind,
    legend: POLLS[kind].legend(seminarTopic, step),
    options: POLLS[kind].choices(seminarTopic, step),
    forChangedAnswers: Boolean(POLLS[kind].forChangedAnswers),
  }));
}

/**
 * Builds the views of one seminar, reading what each needs from the service.
 * The views of one state share their reads: built together (`build`), the
 * room's, the projector's and the console's cost one results query, one
 * questions query and one presence query between them.
 */
export function viewBuilder(service: Seminars) {
  /** What the views of `state` read, each read at most once. */
  function reads(state: RoomState) {
    let results: Promise<TopicResults> | undefined;
    let questions: Promise<RoomQuestion[]> | undefined;
    let here: Promise<number> | undefined;
    return {
      results: () => (results ??= service.results(state.code, state.topic)),
      /** Every question, hidden ones too (the console's list); the room's are the visible ones, in the same order. */
      questions: () => (questions ??= service.questions(state.code, { includeHidden: true })),
      here: () => (here ??= service.hereNow(state.code)),
    };
  }
  type Reads = ReturnType<typeof reads>;

  async function room(state: RoomState, read: Reads = reads(state)): Promise<RoomView> {
    const screen = presenterScreen(state.topic, state.step);
    const showResults = state.revealed && (screen.screen.kind === "closing" || state.ended);
    const questions = (await read.questions())
      .filter((question) => !question.hidden)
      .slice(0, SHARED_QUESTIONS)
      .map(({ id, text, votes }) => ({ id, text, votes }));
    const { participants: _joined, ...shared } = state as RoomState & { participants?: number };
    return {
      ...shared,
      screen,
      stepLabel: stepLabel(screen.screen),
      polls: pollViews(state, service.content),
      questions,
      results: showResults ? resultsView(await read.results()) : null,
    };
  }

  async function screen(state: SeminarState, roomView?: RoomView, read: Reads = reads(state)): Promise<ScreenView> {
    const base = roomView ?? (await room(state, read));
    const results = state.openPolls.length > 0 ? await read.results() : undefined;
    const poll = state.openPolls[0];
    return {
      ...base,
      version: state.version,
      here: await read.here(),
      joined: state.participants,
      answered: poll && results && poll !== "moved" ? results[poll].total : null,
    };
  }

  async function host(state: SeminarState, roomView?: RoomView, read: Reads = reads(state), screenView?: ScreenView): Promise<HostView> {
    const base = screenView ?? (await screen(state, roomView, read));
    return {
      ...base,
      hostResults: resultsView(await read.results()),
      allQuestions: await read.questions(),
      outline: outlineOf(state.topic),
    };
  }

  /**
   * The views of `state` for `audiences`, built together; `ready` hears each
   * as soon as it is built, the room's first (the phones need not wait for
   * the tallies).
   */
  async function build(
    state: SeminarState,
    audiences: Iterable<Audience>,
    ready: (audience: Audience, view: LiveView) => void = () => {},
  ): Promise<Partial<Record<Audience, LiveView>>> {
    const wanted = new Set(audiences);
    const read = reads(state);
    const built: Partial<Record<Audience, LiveView>> = {};
    const add = (audience: Audience, view: LiveView) => {
      built[audience] = view;
      ready(audience, view);
    };
    if (wanted.size === 0) return built;
    const roomView = await room(state, read);
    if (wanted.has("room")) add("room", roomView);
    if (wanted.has("screen") || wanted.has("host")) {
      const screenView = await screen(state, roomView, read);
      if (wanted.has("screen")) add("screen", screenView);
      if (wanted.has("host")) add("host", await host(state, roomView, read, screenView));
    }
    return built;
  }

  return { room, screen, host, build };
}

export type ViewBuilder = ReturnType<typeof viewBuilder>;

/** The version a view of `audience` is ordered by: phones see fewer changes than the host. */
export function versionFor(audience: Audience, state: Pick<SeminarState, "version" | "roomVersion">): number {
  return audience === "room" ? state.roomVersion : state.version;
}
