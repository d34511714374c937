// The bar that switches between the page's views.
export type View = 'containers' | 'images' | 'networks' | 'volumes' | 'engines' | 'swarm';

const ALWAYS: readonly View[] = ['containers', 'images', 'networks', 'volumes', 'engines'];

/** The swarm's tab only when some configured engine manages one. */
export const viewsOf = (swarm: boolean): readonly View[] => (swarm ? [...ALWAYS, 'swarm'] : ALWAYS);

interface TabsProps {
  views: readonly View[];
  /** While it is not yet known which views there are (whether some engine manages a swarm). */
  busy: boolean;
  view: View;
  onView(view: View): void;
}

export function Tabs({ views, busy, view, onView }: TabsProps) {
  return (
    <div id="views" role="tablist" aria-busy={busy ? 'true' : 'false'}>
      {views.map((each) => (
        <button key={each} type="button" role="tab" data-testid={`tab-${each}`} aria-selected={each === view} onClick={() => onView(each)}>
          {each}
        </button>
      ))}
    </div>
  );
}
