// The bar that switches between the page's views.
export type View = 'containers' | 'engines';

const VIEWS: readonly View[] = ['containers', 'engines'];

export function Tabs({ view, onView }: { view: View; onView(view: View): void }) {
  return (
    <div id="views" role="tablist">
      {VIEWS.map((each) => (
        <button key={each} type="button" role="tab" data-testid={`tab-${each}`} aria-selected={each === view} onClick={() => onView(each)}>
          {each}
        </button>
      ))}
    </div>
  );
}
