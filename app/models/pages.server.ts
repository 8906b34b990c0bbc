/** The view models of the home, viewpoint, question, claim and glossary pages. */
import { citeClaim } from "./cite.server";
import { neighbourTopics, positionOf } from "./content-index";
import { findById } from "./content.server";
import { claimHasFlag, tallyFlags } from "./flags.server";
import { STANCES, type Flag } from "~/compiler/model";
import { pageView } from "./page-view.server";
import { PageAssembler } from "./view.server";

export function homePage() {
  return pageView("home", (content) => {
    const page = new PageAssembler(content);
    const { debate } = content;
    return {
      title: debate.title,
      description: debate.description,
      contentNote: debate.contentNote,
      topics: debate.topics.map(({ id, title, question }) => ({ id, title, question })),
      perspectives: debate.perspectives.map(({ id, summary, positions, claims }) => ({
        viewpoint: page.viewpoint(id),
        summary,
        claimCount: claims.length,
        stances: Object.fromEntries(positions.map((position) => [position.topic, position.stance])),
      })),
    };
  });
}

/** A viewpoint page; `onlyFlags` keeps the claims that carry every one of those review flags. */
export function perspectivePage(id: string | undefined, onlyFlags: Flag[]) {
  return pageView(`perspective:${id}:${onlyFlags.join(",")}`, (content) => {
    const perspective = findById(content.perspectives, id, "viewpoint", (key) => `/perspectives/${key}`);
    const page = new PageAssembler(content);
    const shown = perspective.claims.filter((claim) => onlyFlags.every((flag) => claimHasFlag(claim, flag)));
    const { name, summary, tradition, proponents, policy } = perspective;
    const overviewHtml = page.prose(perspective.overviewHtml);
    const topics = content.debate.topics.map((topic) => {
      const position = positionOf(content, perspective.id, topic.id);
      return {
        id: topic.id,
        title: topic.title,
        question: topic.question,
        stance: position?.stance ?? "not-addressed",
        flags: position?.flags ?? [],
        noteHtml: position ? page.prose(position.noteHtml) : "",
        claims: shown.filter((claim) => claim.topic === topic.id).map((claim) => page.claim(claim)),
      };
    });
    const flags = { tallies: tallyFlags(perspective.claims), only: onlyFlags, shown: shown.length, total: perspective.claims.length };
    return { viewpoint: page.viewpoint(perspective.id), name, summary, tradition, proponents, policy, overviewHtml, flags, topics, sources: page.sources() };
  });
}

/** A question page: who answers what (with jump links), each answer's claims, and the neighbouring questions. */
export function topicPage(id: string | undefined) {
  return pageView(`topic:${id}`, (content) => {
    const { debate } = content;
    const topic = findById(content.topics, id, "question", (key) => `/topics/${key}`);
    const page = new PageAssembler(content);
    const framingHtml = page.prose(topic.framingHtml);
    const { previous, next } = neighbourTopics(content, topic.id);
    const answered = debate.perspectives.map((perspective) => ({
      perspective,
      stance: positionOf(content, perspective.id, topic.id)?.stance ?? "not-addressed",
      claims: perspective.claims.filter((claim) => claim.topic === topic.id),
    }));
    const claims = answered.flatMap((answer) => answer.claims);
    const answers = answered.map(({ perspective, stance, claims: own }) => {
      const position = positionOf(content, perspective.id, topic.id);
      return {
        viewpoint: page.viewpoint(perspective.id),
        stance,
        noteHtml: position ? page.prose(position.noteHtml) : "",
        claims: own.map((claim) => page.claim(claim)),
      };
    });
    return {
      topic: { id: topic.id, title: topic.title, question: topic.question, framingHtml },
      previous,
      next,
      summary: STANCES.map((stance) => ({
        stance,
        viewpoints: answered.filter((answer) => answer.stance === stance).map(({ perspective }) => ({ id: perspective.id, name: perspective.name })),
      })),
      unanswered: claims.filter((claim) => claim.contestedBy.length === 0).length,
      /** What each contesting claim says, so "Contested by" can quote it. */
      statements: Object.fromEntries(
        claims.flatMap((claim) => claim.contestedBy).map((claimId) => [claimId, content.claims.get(claimId)?.statement ?? ""]),
      ),
      answers,
      sources: page.sources(),
    };
  });
}

/** A claim page; its citation names the page's address, so the origin is part of its state. */
export function claimPage(id: string | undefined, origin: string) {
  return pageView(`claim:${origin}:${id}`, (content) => {
    const claim = findById(content.claims, id, "claim", (key) => `/claims/${key}`);
    const page = new PageAssembler(content);
    const perspective = content.perspectives.get(claim.perspective)!;
    const topic = content.topics.get(claim.topic)!;
    const url = new URL(`/claims/${claim.id}`, origin).href;
    return {
      claim: page.claim(claim),
      topic: { id: topic.id, title: topic.title, question: topic.question },
      citations: citeClaim(claim, perspective.name, content.debate.title, content.sources, url),
      /** The contesting claims' statements, quoted under "Contested by". */
      contested: Object.fromEntries(claim.contestedBy.map((other) => [other, content.claims.get(other)?.statement ?? ""])),
    };
  });
}

export function glossaryPage() {
  return pageView("glossary", (content) => {
    // On this page every term is its own definition, so none links elsewhere.
    const page = new PageAssembler(content, false);
    return {
      glossary: content.debate.glossary.map((term) => ({
        id: term.id,
        term: term.term,
        aliases: term.aliases,
        definitionHtml: page.prose(term.definitionHtml),
        citations: term.citations.map((citation) => page.citation(citation)),
      })),
    };
  });
}
