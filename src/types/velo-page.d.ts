/** The page-code global `$w` (the subset this site uses; Velo's full type comes from the Wix IDE). */
declare const $w: import('../public/pages/page-elements').PageSelector & {
  onReady(handler: () => void | Promise<void>): void;
};
