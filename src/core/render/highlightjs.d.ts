// highlight.js types its package root and its languages, not the core-only entry
// (registering our own languages on the core keeps the other ~140 out of the bundle).
declare module 'highlight.js/lib/core' {
  import hljs from 'highlight.js';
  export default hljs;
}
