/**
 * The lookup maps over a compiled debate that every page model reads. Kept
 * apart from content.server, which compiles the content folder when imported,
 * so tests can index a debate of their own.
 */
import { createHash } from "node:crypto";
import type { Claim, Debate, Perspective, Position, Source, Topic } from "~/compiler/model";

export interface Index {
  debate: Debate;
  perspectives: Map<string, Perspective>;
  topics: Map<string, Topic>;
  claims: Map<string, Claim>;
  sources: Map<string, Source>;
  /** Each viewpoint's position on each question it has written one on: by viewpoint, then question. */
  positions: Map<string, Map<string, Position>>;
  /** Serialized model and its ETag, for the JSON API. */
  json: string;
  etag: string;
}

export function buildIndex(debate: Debate): Index {
  const json = JSON.stringify(debate);
  return {
    debate,
    perspectives: new Map(debate.perspectives.map((perspective) => [perspective.id, perspective])),
    topics: new Map(debate.topics.map((topic) => [topic.id, topic])),
    claims: new Map(debate.perspectives.flatMap((perspective) => perspective.claims.map((claim) => [claim.id, claim]))),
    sources: new Map(debate.sources.map((source) => [source.key, source])),
    positions: new Map(debate.perspectives.map((perspective) => [perspective.id, new Map(perspective.positions.map((position) => [position.topic, position]))])),
    json,
    etag: `"${createHash("sha256").update(json).digest("base64url").slice(0, 22)}"`,
  };
}


/** A viewpoint's position on a question, where it has written one. */
export function positionOf(content: Index, perspective: string, topic: string): Position | undefined {
  return content.positions.get(perspective)?.get(topic);
}

export interface TopicLink {
  id: string;
  title: string;
}

/** The questions just before and after `topic`, in the debate's order. */
export function neighbourTopics(content: Index, topic: string): { previous?: TopicLink; next?: TopicLink } {
  const { topics } = content.debate;
  const index = topics.findIndex((candidate) => candidate.id === topic);
  const link = (other: Topic | undefined) => (other ? { id: other.id, title: other.title } : undefined);
  return { previous: index > 0 ? link(topics[index - 1]) : undefined, next: index >= 0 ? link(topics[index + 1]) : undefined };
}
