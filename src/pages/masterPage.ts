// Code here runs on every page of the site. The Inbox connector needs nothing site-wide; the file
// exists because Wix expects a master page code file.
export {};
