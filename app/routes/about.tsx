import type { MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { pageMeta } from "~/lib/meta";
import { aboutPage } from "~/models/about.server";
import { getContent } from "~/models/content.server";

export async function loader() {
  return aboutPage(getContent());
}

export const meta: MetaFunction = () =>
  pageMeta("About", "Where the content comes from, how to cite it, what the review flags mean, its licence and how to correct it.");

const NUMBER_WORDS = ["no", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten"];
const inWords = (count: number) => NUMBER_WORDS[count] ?? String(count);

export default function AboutPage() {
  const about = useLoaderData<typeof loader>();
  const { documents, licence } = about;
  return (
    <div className="about-page prose">
      <h1>About Counterpoint</h1>
      <p className="lede">
        Counterpoint sets out the viewpoints of a debate side by side. On “{about.title}” it compares{" "}
        {about.counts.perspectives} viewpoints on {about.counts.topics} shared questions, in {about.counts.claims}{" "}
        claims, each with its evidence, the counter-evidence against it and the passages they come from.
      </p>
      <p>
        Edition: <strong>{about.edition.name}</strong>, {about.edition.date}.
      </p>

      <section aria-labelledby="documents-heading">
        <h2 id="documents-heading">Where the content comes from</h2>
        <p>
          Everything here is written from {inWords(documents.length)} documents and nothing else
          {about.wikipediaCount > 0 ? `; ${inWords(about.wikipediaCount)} of them are Wikipedia articles` : ""}. Nothing is
          stated that they do not say, and every item names the document, the section and a short phrase that finds the
          passage.
        </p>
        <ol className="about-documents">
          {documents.map((document) => (
            <li key={document.key} id={`document-${document.key}`}>
              <cite>{document.title}</cite>
              {document.wikipedia ? <strong>, a Wikipedia article</strong> : null} ({document.author}).{" "}
              {document.url ? <a href={document.url}>{document.url}</a> : null}
              <br />
              <span className="muted">
                {document.note ? `${document.note}. ` : ""}
                {document.captured ? `Copy taken ${document.captured}. ` : document.wikipedia ? "The copy used records no capture date. " : ""}
                Cited {document.citations} {document.citations === 1 ? "time" : "times"}; <Link to={`/sources#${document.key}`}>every use of it</Link>.
              </span>
            </li>
          ))}
        </ol>
        {about.wikipediaCount > 0 ? (
          <p>
            A Wikipedia article changes after it is copied, so a passage cited here may read differently today or be gone.
            When you cite one, give the date you read it, or link to the revision in the article’s history.
          </p>
        ) : null}
      </section>

      <section aria-labelledby="via-heading">
        <h2 id="via-heading">Scholarly works, as the documents report them</h2>
        <p>
          The documents report {about.reportedWorks} works by scholars, organizations and agencies. Where an item rests on
          such a work, it cites the work and the document it was read in, shown as “as reported in”. The work itself has
          not been read: its author, year and findings are as the document gives them.
        </p>
        <p>
          For a paper, cite such a work as a secondary source, naming both
          {about.example ? <>, for example <q>{about.example}</q></> : null}, or find the original, read it and cite it
          directly. Do not cite the original as if you had read it.
        </p>
      </section>

      <section aria-labelledby="how-to-read-heading">
        <h2 id="how-to-read-heading">How to read</h2>
        <p>
          Each claim gives a viewpoint’s answer to a question: yes, no or mixed, or “not addressed” where the documents give
          that viewpoint no answer. What the editors know about how a claim or an item rests on the documents is shown as a
          review flag, a short badge beside it:
        </p>
        <dl className="about-flags">
          {about.flags.map((flag) => (
            <div key={flag.id} id={`flag-${flag.id}`}>
              <dt>
                <strong>{flag.label}</strong>
              </dt>
              <dd>{flag.description}</dd>
            </div>
          ))}
        </dl>
      </section>

      <section aria-labelledby="licence-heading">
        <h2 id="licence-heading">Licence</h2>
        {licence ? (
          <p>
            The content (the viewpoints, questions and glossary, and the data at{" "}
            <a href="/api/perspectives.json">perspectives.json</a>) is adapted from the Wikipedia articles{" "}
            {licence.from.map((article, index) => (
              <span key={article.title}>
                {index > 0 ? (index === licence.from.length - 1 ? " and " : ", ") : null}
                {article.url ? <a href={article.url}>“{article.title}”</a> : `“${article.title}”`}
              </span>
            ))}{" "}
            by Wikipedia contributors, and like them it is licensed under{" "}
            <a href={licence.url} rel="license">
              {licence.name}
            </a>
            . If you reuse it, credit Counterpoint and the Wikipedia contributors, say what you changed, and share it under
            the same licence.
          </p>
        ) : (
          <p>The content’s licence is that of the documents it is written from.</p>
        )}
        <p>The application’s code is separate from the content and keeps its own licence, as stated in its repository.</p>
      </section>

      <section aria-labelledby="data-heading">
        <h2 id="data-heading">The data, for other tools</h2>
        <p>The whole debate is open data, under the licence above:</p>
        <ul>
          <li>
            <a href="/api/perspectives.json">perspectives.json</a>: the model as JSON, every question, viewpoint, claim,
            item and source (one viewpoint at <code>/api/perspectives/:id.json</code>).
          </li>
          {about.formats.map((format) => (
            <li key={format.path}>
              <a href={format.path}>{format.filename}</a>: {format.name}, {format.description}.
            </li>
          ))}
        </ul>
        <p>
          Any site may read them, and each carries an ETag, so a tool can ask whether the content has changed since it
          last read it.
        </p>
      </section>

      <section aria-labelledby="corrections-heading">
        <h2 id="corrections-heading">Proposing a correction</h2>
        <p>
          If a claim says more or less than its document, leaves out a side’s strongest evidence or uses a side’s loaded
          words, propose a change. Each viewpoint is a Markdown file in the repository’s <code>perspectives/</code> folder;
          the authoring guide, <code>{about.guide}</code>, explains the format, the editorial policy and the checks
          (<code>npm run check</code>) that a change must pass. Say which claim or item is wrong (its address on this site),
          which passage of which document shows it, and what it should say.
        </p>
      </section>
    </div>
  );
}
