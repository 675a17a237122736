// cargo desk serve: live reload. Asks the server for the number of its last successful build,
// which answers once it differs from the one this page shows (a long poll, same origin), then
// reloads the page. Never in a package: the server adds it to the pages it answers with.
(function (config) {
  function poll() {
    fetch(config.endpoint + "?since=" + config.build, { cache: "no-store" })
      .then(function (answer) {
        return answer.ok ? answer.text() : Promise.reject(answer.status);
      })
      .then(function (build) {
        if (build.trim() !== String(config.build)) location.reload(); else poll();
      }, function () {
        // The server is stopped or restarting: ask again a moment later.
        setTimeout(poll, 1000);
      });
  }
  poll();
})
