// PruneResult: what a prune removed, as the engine lists it, and the bytes it gave back.
import { builder } from './builder.js';

export const PruneResultRef = builder.objectRef<{ deleted: string[]; spaceReclaimed: number }>('PruneResult').implement({
  fields: (t) => ({
    deleted: t.stringList({ description: 'As the engine lists them: ids, or names for networks.', resolve: (r) => r.deleted }),
    spaceReclaimed: t.float({ description: 'Bytes.', resolve: (r) => r.spaceReclaimed }),
  }),
});
