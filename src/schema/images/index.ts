// The image half of the schema: the Image type and its queries, the mutations, the pull subscription.
import './image.js';
import './mutations.js';
import './pull-subscription.js';
