// The bar that switches between the page's views.
export type View = 'containers' | 'engines' | 'swarm';

/** The swarm's tab only when some configured engine manages one. */
export const viewsOf = (swarm: boolean): readonly View[] => (swarm ? ['containers', 'engines', 'swarm'] : ['containers', 'engines']);

export function Tabs({ views, view, onView }: { views: readonly View[]; view: View; onView(view: View): void }) {
  return (
    <div id="views" role="tablist">
      {views.map((each) => (
        <button key={each} type="button" role="tab" data-testid={`tab-${each}`} aria-selected={each === view} onClick={() => onView(each)}>
          {each}
        </button>
      ))}
    </div>
  );
}
