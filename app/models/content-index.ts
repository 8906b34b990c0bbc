/**
 * The lookup maps over a compiled debate that every page model reads. Kept
 * apart from content.server, which compiles the content folder when imported,
 * so tests can index a debate of their own.
 */
import { createHash } from "node:crypto";
import type { Claim, Debate, Perspective, Source, Topic } from "~/compiler/model";

export interface Index {
  debate: Debate;
  perspectives: Map<string, Perspective>;
  topics: Map<string, Topic>;
  claims: Map<string, Claim>;
  sources: Map<string, Source>;
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
    json,
    etag: `"${createHash("sha256").update(json).digest("base64url").slice(0, 22)}"`,
  };
}

