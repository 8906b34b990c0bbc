interface JoinCornerProps {
  join: { short: string; qr: string };
  code: string;
  participants: number;
}

/** The projector's corner: what a phone needs to join, and how many have. */
export function JoinCorner({ join, code, participants }: JoinCornerProps) {
  return (
    <>
      {/* The SVG is drawn on the server from the join address, by uqr; it holds no script. */}
      <div className="join-qr" role="img" aria-label={`QR code for ${join.short}`} dangerouslySetInnerHTML={{ __html: join.qr }} />
      <p className="join-address">
        <span className="join-host">{join.short.replace(/\/s\/[^/]+$/, "/s/")}</span>
        <span className="join-code">{code}</span>
      </p>
      <p className="join-count">
        {participants} {participants === 1 ? "phone" : "phones"} joined
      </p>
    </>
  );
}
