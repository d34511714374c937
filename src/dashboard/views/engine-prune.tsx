// Where an engine's prune buttons go: kept apart from the disk-usage figures so that adding them touches only this module.
export interface EnginePruneProps {
  engine: string;
  /** To be called once a prune is done: the engines view reads the figures again. */
  onPruned(): void;
}

/** Empty for now: the gateway on this branch has no prune mutations to call. */
export function EnginePrune(props: EnginePruneProps) {
  return <div class="prune-actions" data-testid="prune-actions" data-engine={props.engine} />;
}
