// Runs before the app (a classic script in <head>, so it blocks parsing for a moment): puts the
// chosen municipality's theme class on <html> and its stylesheet in <head>, from what the app
// remembered (src/client/theme/theme-hint.ts: same key, id and patterns), so a later visit never
// shows a flash of the default colours. Anything unexpected is ignored: the default theme stays.
;(function () {
  try {
    var hint = JSON.parse(localStorage.getItem('meepraat.theme') || 'null')
    if (!hint || typeof hint.themeClass !== 'string' || typeof hint.themeCssUrl !== 'string') return
    if (!/^mp-theme-[a-z0-9]+(?:-[a-z0-9]+)*$/.test(hint.themeClass)) return
    if (!/^\/api\/municipalities\/[a-z0-9-]+\/theme\.css\?v=[\w-]+$/.test(hint.themeCssUrl)) return
    document.documentElement.classList.add(hint.themeClass)
    var link = document.createElement('link')
    link.id = 'mp-theme-css'
    link.rel = 'stylesheet'
    // Holds the first paint until the theme is there (the service worker usually has it cached).
    link.setAttribute('blocking', 'render')
    link.href = hint.themeCssUrl
    document.head.appendChild(link)
  } catch {
    // No storage or a damaged value: the default theme it is.
  }
})()

// Preloads the code and stylesheets of the route the address opens (the build lists each first route's files in
// #mp-route-preloads, see preloadFirstRoutes in vite.config.ts), so it downloads beside the
// entry, not after it. `/` opens home once a municipality is chosen (its theme is remembered),
// else the choice. A wrong guess only costs the bytes: the router loads what it needs anyway.
;(function () {
  try {
    var data = document.getElementById('mp-route-preloads')
    if (!data) return
    var routes = JSON.parse(data.textContent || '{}')
    var path = location.pathname
    var chosen = Boolean(localStorage.getItem('meepraat.theme'))
    var route = /^\/items\/[^/]+\/?$/.test(path) ? 'item' : path === '/kies-gemeente' ? 'choose' : path === '/' ? (chosen ? 'home' : 'choose') : null
    var files = route && Array.isArray(routes[route]) ? routes[route] : []
    for (var i = 0; i < files.length; i++) {
      var file = files[i]
      if (typeof file !== 'string' || !/^\/assets\/[\w.-]+\.(js|css)$/.test(file)) continue
      var link = document.createElement('link')
      if (/\.css$/.test(file)) {
        // As a stylesheet, so Vite's loader finds it and does not ask again; it holds the first
        // paint, as Vite would hold the page, so nothing shows unstyled.
        link.rel = 'stylesheet'
        link.setAttribute('blocking', 'render')
      } else {
        link.rel = 'modulepreload'
        link.crossOrigin = ''
      }
      link.href = file
      document.head.appendChild(link)
    }
  } catch {
    // Without the preloads the app still loads each route's code when it opens it.
  }
})()
