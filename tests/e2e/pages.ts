import { content, linkedClaim } from "./content";

/** One address of every page type, on the real content. */
export async function pageTypes(): Promise<Record<string, string>> {
  const { claim, target } = await linkedClaim();
  const debate = await content();
  return {
    home: "/",
    compare: `/compare?topic=${claim.topic}`,
    projector: `/compare?topic=${claim.topic}&present`,
    viewpoint: `/perspectives/${claim.perspective}`,
    question: `/topics/${claim.topic}`,
    map: `/topics/${claim.topic}/map`,
    "where do I stand": `/where-do-i-stand?${debate.topics[0]!.id}=yes&${debate.topics[1]!.id}=mixed`,
    claim: `/claims/${claim.id}`,
    sources: "/sources",
    glossary: "/glossary",
    search: "/search?q=Nordic+model",
    brief: `/brief?c=${claim.id}&c=${target}`,
    seminar: "/seminar",
    "not found": "/claims/no-such-claim",
  };
}
