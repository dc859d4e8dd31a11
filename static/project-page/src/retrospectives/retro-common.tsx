/** The four feedback dimensions a retrospective scores, 1 to 5. */
export const DIMENSIONS = ['communication', 'accountability', 'resources', 'resolution'] as const;

/** Tags as chips; a tag that keeps coming back is marked. */
export function Tags({ tags, recurring }: { tags: readonly string[]; recurring: readonly string[] }) {
  return (
    <>
      {tags.map((tag) => (
        <span key={tag} className={`cx-tag${recurring.includes(tag) ? ' cx-tag-recurring' : ''}`}>
          #{tag}
        </span>
      ))}
    </>
  );
}
