// A source's page: while a sync it started is running, reload the page so that its report appears when done.
if (document.querySelector('[data-running]')) {
  setTimeout(() => window.location.reload(), 2000);
}
