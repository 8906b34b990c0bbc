/**
 * The sources page's lists of the claims citing each work, rendered to HTML
 * once per content: the page keeps them as rendered (`KeptHtml`) rather than
 * receiving them again as data, and a client-side navigation fetches them.
 */
import { Fragment } from "react";
import { renderToStaticMarkup } from "react-dom/server";
import { passageUrl } from "~/lib/urls";
import type { Index } from "~/models/content-index";
import { sourceUses, type ClaimNames, type Use } from "~/models/sources.server";
import { ViewpointLabel } from "./viewpoint";

function Uses({ uses, url, claims }: { uses: Use[]; url: string | undefined; claims: ClaimNames }) {
  return (
    <>
      {uses.map((use) => (
        <li key={use.claim}>
          <ViewpointLabel viewpoint={claims[use.claim]!.viewpoint} link={false} />
          {": "}
          <a href={`/claims/${use.claim}`}>{claims[use.claim]!.title}</a>
          {use.passages.map(([locator, phrase, via], index) => {
            const passage = phrase ? passageUrl(via ?? url, phrase) : undefined;
            return (
              <Fragment key={index}>
                {locator ? <span className="locator">{` · ${locator}`}</span> : null}
                {phrase && passage ? " · " : null}
                {phrase && passage ? <a href={passage}>{`“${phrase}”`}</a> : null}
                {phrase && !passage ? ` · “${phrase}”` : null}
              </Fragment>
            );
          })}
        </li>
      ))}
    </>
  );
}

const rendered = new WeakMap<Index, Record<string, string>>();

/** Each work's list of uses as HTML, by the work's key. */
export function sourceUsesHtml(content: Index): Record<string, string> {
  let html = rendered.get(content);
  if (!html) {
    const { sources, claims } = sourceUses(content);
    html = Object.fromEntries(sources.map((source) => [source.key, renderToStaticMarkup(<Uses uses={source.uses} url={source.url} claims={claims} />)]));
    rendered.set(content, html);
  }
  return html;
}
