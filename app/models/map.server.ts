/** The view model of a question's dispute map (`/topics/:id/map`): the laid-out map and its table. */
import type { Claim } from "~/compiler/model";
import { findById, getContent } from "./content.server";
import { disputeLayout, disputePairs } from "./dispute-map.server";
import { pageView } from "./page-view.server";
import { PageAssembler } from "./view.server";

export function mapPage(id: string | undefined) {
  // Found first, so a 404 or a redirect is thrown afresh rather than remembered.
  const topic = findById(getContent().topics, id, "question", (key) => `/topics/${key}/map`);
  return pageView(`map:${topic.id}`, async (content) => {
    const page = new PageAssembler(content);
    const layout = await disputeLayout(content, topic.id);
    const order = new Map(layout.nodes.map((node, index) => [node.id, index]));
    const end = (claim: Claim) => ({
      id: claim.id,
      title: claim.title,
      stance: claim.stance,
      viewpoint: page.viewpoint(claim.perspective),
      // A claim answers its own question: the table says which, where it is another.
      ...(claim.topic === topic.id ? {} : { topic: { id: claim.topic, title: content.topics.get(claim.topic)?.title ?? claim.topic } }),
    });
    return {
      topic: { id: topic.id, title: topic.title, question: topic.question },
      layout: {
        ...layout,
        nodes: layout.nodes.map(({ perspective, ...node }) => ({ ...node, viewpoint: page.viewpoint(perspective) })),
      },
      /** The viewpoints on the map, in the debate's order, for its legend. */
      viewpoints: content.debate.perspectives
        .filter((perspective) => layout.nodes.some((node) => node.perspective === perspective.id))
        .map((perspective) => page.viewpoint(perspective.id)),
      // In the map's order: the question's own claims first.
      pairs: disputePairs(content, topic.id)
        .sort(([a], [b]) => order.get(a.id)! - order.get(b.id)!)
        .map(([claim, by]) => ({ claim: end(claim), contestedBy: end(by) })),
    };
  });
}
