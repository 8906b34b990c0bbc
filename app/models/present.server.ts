/**
 * A question as a sequence of projector screens. Every screen has its own
 * address (`/present/:topic/:step`, counted from 1) so an instructor can
 * bookmark, reload or share the exact point a seminar reached.
 */
import type { Claim, Item, Stance } from "~/compiler/model";
import { KIND_LABELS, viewpointHue } from "~/lib/labels";
import { refuse } from "~/lib/refuse.server";
import { presentUrl } from "~/lib/urls";
import { getContent, notFound, type Index } from "~/models/content.server";
import type { SeminarContent, SeminarTopic, StepOutline } from "~/seminar/topic";

type Step =
  | { kind: "question" }
  | { kind: "overview" }
  | { kind: "viewpoint"; perspective: string }
  | { kind: "item"; perspective: string; claim: string; item: number }
  | { kind: "closing" };

const sequences = new WeakMap<Index, Map<string, Step[]>>();

/** Evidence first, then the counter-evidence raised against the claim. */
function itemsOf(claim: Claim): Item[] {
  return [...claim.evidence, ...claim.counterEvidence];
}

function buildSequence(content: Index, topic: string): Step[] {
  const steps: Step[] = [{ kind: "question" }, { kind: "overview" }];
  for (const perspective of content.debate.perspectives) {
    const claims = perspective.claims.filter((claim) => claim.topic === topic);
    // A viewpoint silent on the question appears on the overview, not as screens of its own.
    if (claims.length === 0) continue;
    steps.push({ kind: "viewpoint", perspective: perspective.id });
    for (const claim of claims) {
      itemsOf(claim).forEach((_, item) => steps.push({ kind: "item", perspective: perspective.id, claim: claim.id, item }));
    }
  }
  steps.push({ kind: "closing" });
  return steps;
}

function sequenceOf(content: Index, topic: string): Step[] {
  let byTopic = sequences.get(content);
  if (!byTopic) sequences.set(content, (byTopic = new Map()));
  let steps = byTopic.get(topic);
  if (!steps) byTopic.set(topic, (steps = buildSequence(content, topic)));
  return steps;
}

const seminarContents = new WeakMap<Index, SeminarContent>();

/** What the seminar needs of the debate: each question's steps, and the viewpoints and claims they show. */
export function seminarContent(content: Index = getContent()): SeminarContent {
  let found = seminarContents.get(content);
  if (found) return found;
  const topics = new Map<string, SeminarTopic>();
  for (const topic of content.debate.topics) {
    const sequence = sequenceOf(content, topic.id);
    const steps: StepOutline[] = sequence.map((step) => ("perspective" in step ? { kind: step.kind, viewpoint: step.perspective } : { kind: step.kind }));
    const viewpoints = sequence.flatMap((step) => (step.kind === "viewpoint" ? [{ id: step.perspective, name: content.perspectives.get(step.perspective)!.name }] : []));
    const claims = viewpoints.flatMap(({ id }) =>
      content.perspectives.get(id)!.claims.filter((claim) => claim.topic === topic.id).map((claim) => ({ id: claim.id, viewpoint: id, title: claim.title })),
    );
    topics.set(topic.id, { id: topic.id, title: topic.title, question: topic.question, steps, viewpoints, claims });
  }
  seminarContents.set(content, (found = { topics, order: content.debate.topics.map((topic) => topic.id) }));
  return found;
}

function stanceOf(content: Index, perspective: string, topic: string): Stance {
  return content.perspectives.get(perspective)?.positions.find((position) => position.topic === topic)?.stance ?? "not-addressed";
}

function citationsOf(content: Index, item: Item): string[] {
  return item.citations.map((citation) => {
    const source = content.sources.get(citation.key);
    const name = source ? `${source.citeName} ${source.year}`.trim() : citation.key;
    return citation.locator ? `${name}, ${citation.locator}` : name;
  });
}

/**
 * How tightly a viewpoint's claims must be set to fit one screen: a viewpoint
 * with many or long statements gets smaller type (never under 20 px at 720
 * px high), rather than a screen that scrolls. By the statements' length in
 * characters, which is what takes the room.
 */
function densityOf(characters: number): "normal" | "dense" | "denser" {
  return characters <= 650 ? "normal" : characters <= 950 ? "dense" : "denser";
}

/** A question's step number from an address segment, or a 404 that says which steps exist. */
function stepNumber(topicTitle: string, total: number, stepParam: string | undefined): number {
  const number = stepParam === undefined ? 1 : Number(stepParam);
  if (!Number.isInteger(number) || number < 1 || number > total) {
    throw refuse(404, `No step "${stepParam}" in "${topicTitle}": its steps run from 1 to ${total}`);
  }
  return number;
}

/**
 * What one step shows, wherever it is shown: the projector, a seminar's
 * projector and the phones all render this.
 */
export function presenterScreen(topicId: string, number: number) {
  const content = getContent();
  const topic = content.topics.get(topicId) ?? notFound("question", topicId);
  const steps = sequenceOf(content, topic.id);
  const step = steps[stepNumber(topic.title, steps.length, String(number)) - 1]!;
  const topics = content.debate.topics;
  const topicIndex = topics.indexOf(topic);
  const viewpoint = (id: string) => {
    const perspective = content.perspectives.get(id)!;
    return { id, name: perspective.name, hue: viewpointHue(content.debate.perspectives.indexOf(perspective)), stance: stanceOf(content, id, topic.id) };
  };

  let screen;
  switch (step.kind) {
    case "question":
      screen = { kind: step.kind, framingHtml: topic.framingHtml };
      break;
    case "overview":
      screen = { kind: step.kind, viewpoints: content.debate.perspectives.map((perspective) => viewpoint(perspective.id)) };
      break;
    case "viewpoint": {
      const claims = content.perspectives.get(step.perspective)!.claims.filter((claim) => claim.topic === topic.id);
      screen = {
        kind: step.kind,
        viewpoint: viewpoint(step.perspective),
        claims: claims.map((claim) => ({ id: claim.id, stance: claim.stance, statement: claim.statement })),
        density: densityOf(claims.reduce((sum, claim) => sum + claim.statement.length, 0)),
      };
      break;
    }
    case "item": {
      const claim = content.claims.get(step.claim)!;
      const item = itemsOf(claim)[step.item]!;
      const ofType = item.type === "evidence" ? claim.evidence : claim.counterEvidence;
      screen = {
        kind: step.kind,
        viewpoint: viewpoint(step.perspective),
        claim: { id: claim.id, stance: claim.stance, statement: claim.statement },
        item: {
          type: item.type,
          kindLabel: KIND_LABELS[item.kind],
          html: item.html,
          citations: citationsOf(content, item),
          // "Evidence 2 of 7": the room knows how much is still to come.
          ordinal: ofType.indexOf(item) + 1,
          count: ofType.length,
        },
      };
      break;
    }
    case "closing": {
      const next = topics[topicIndex + 1];
      screen = { kind: step.kind, nextTopic: next ? { id: next.id, title: next.title } : undefined };
      break;
    }
  }

  return {
    debateTitle: content.debate.title,
    topic: { id: topic.id, title: topic.title, question: topic.question },
    step: number,
    total: steps.length,
    screen,
  };
}

export type PresenterScreen = ReturnType<typeof presenterScreen>;

/** The view model of `/present/:topic/:step`: the screen and the addresses around it. */
export function loadPresenterStep(topicId: string, stepParam: string | undefined) {
  const content = getContent();
  const topic = content.topics.get(topicId) ?? notFound("question", topicId);
  const total = sequenceOf(content, topic.id).length;
  const number = stepNumber(topic.title, total, stepParam);
  const view = presenterScreen(topic.id, number);
  const { screen } = view;
  return {
    ...view,
    previous: number > 1 ? presentUrl(topic.id, number - 1) : undefined,
    next: number < total ? presentUrl(topic.id, number + 1) : undefined,
    nextTopicHref: screen.kind === "closing" && screen.nextTopic ? presentUrl(screen.nextTopic.id, 1) : undefined,
  };
}
