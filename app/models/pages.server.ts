/** The view models of the home, viewpoint, question, claim and glossary pages. */
import { citeClaim } from "./cite.server";
import { findById } from "./content.server";
import { PageAssembler, pageView } from "./view.server";

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

export function perspectivePage(id: string | undefined) {
  return pageView(`perspective:${id}`, (content) => {
    const perspective = findById(content.perspectives, id, "viewpoint", (key) => `/perspectives/${key}`);
    const page = new PageAssembler(content);
    const { name, summary, tradition, proponents, policy } = perspective;
    const overviewHtml = page.prose(perspective.overviewHtml);
    const topics = content.debate.topics.map((topic) => {
      const position = perspective.positions.find((item) => item.topic === topic.id);
      return {
        id: topic.id,
        title: topic.title,
        question: topic.question,
        stance: position?.stance ?? "not-addressed",
        noteHtml: position ? page.prose(position.noteHtml) : "",
        claims: perspective.claims.filter((claim) => claim.topic === topic.id).map((claim) => page.claim(claim)),
      };
    });
    return { viewpoint: page.viewpoint(perspective.id), name, summary, tradition, proponents, policy, overviewHtml, topics, sources: page.sources() };
  });
}

export function topicPage(id: string | undefined) {
  return pageView(`topic:${id}`, (content) => {
    const topic = findById(content.topics, id, "question", (key) => `/topics/${key}`);
    const page = new PageAssembler(content);
    const framingHtml = page.prose(topic.framingHtml);
    const answers = content.debate.perspectives.map((perspective) => {
      const position = perspective.positions.find((item) => item.topic === topic.id);
      return {
        viewpoint: page.viewpoint(perspective.id),
        stance: position?.stance ?? "not-addressed",
        noteHtml: position ? page.prose(position.noteHtml) : "",
        claims: perspective.claims.filter((claim) => claim.topic === topic.id).map((claim) => page.claim(claim)),
      };
    });
    return { topic: { id: topic.id, title: topic.title, question: topic.question, framingHtml }, answers, sources: page.sources() };
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
