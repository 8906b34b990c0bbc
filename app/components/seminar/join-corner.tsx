interface JoinCornerProps {
  join: { short: string; qr: string; unreachable?: string };
  code: string;
  here: number;
  joined: number;
}

/** The projector's corner: what a phone needs to join, and how many are here now. */
export function JoinCorner({ join, code, here, joined }: JoinCornerProps) {
  return (
    <>
      {/* The SVG is drawn on the server from the join address, by uqr; it holds no script. */}
      <div className="join-qr" role="img" aria-label={`QR code for ${join.short}`} dangerouslySetInnerHTML={{ __html: join.qr }} />
      <p className="join-address">
        <span className="join-host">{join.short.replace(/\/s\/[^/]+$/, "/s/")}</span>
        <span className="join-code">{code}</span>
      </p>
      <p className="join-count">
        {here} here now · {joined} joined
      </p>
      {join.unreachable ? (
        <p className="join-unreachable" role="alert">
          {join.unreachable}
        </p>
      ) : null}
    </>
  );
}
