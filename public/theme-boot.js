// Runs before the app (a classic script in <head>, so it blocks parsing for a moment). Two jobs:
// preload the first route's files, and put the chosen municipality's theme on the first paint.
//
// The remembered theme is read from localStorage once, and as late as possible: a page's first
// localStorage read waits for the browser to hand over the storage (measured 1 to 47 ms on this
// machine, four times that on Lighthouse's slow phone), and nothing else runs meanwhile. So an
// address that names its route by itself (an item, the choice) sends its preloads first.
;(function () {
  var THEME_KEY = 'meepraat.theme'
  var read = false
  var remembered = null
  // The theme's stylesheet goes before the route's, where it always stood in the cascade.
  var firstRouteStylesheet = null
  function rememberedTheme() {
    if (!read) {
      read = true
      try {
        remembered = localStorage.getItem(THEME_KEY)
      } catch {
        // No storage: as if nothing was remembered.
      }
    }
    return remembered
  }

  // Preloads the code and stylesheets of the route the address opens (the build lists each first
  // route's files in #mp-route-preloads, see preloadFirstRoutes in vite.config.ts), so they
  // download beside the entry, not after it. `/` opens home once a municipality is chosen (its
  // theme is remembered), else the choice. A wrong guess only costs the bytes: the router loads
  // what it needs anyway.
  try {
    var data = document.getElementById('mp-route-preloads')
    var routes = data ? JSON.parse(data.textContent || '{}') : {}
    var path = location.pathname
    var route = /^\/items\/[^/]+\/?$/.test(path) ? 'item' : path === '/kies-gemeente' ? 'choose' : path === '/' ? (rememberedTheme() ? 'home' : 'choose') : null
    var files = route && Array.isArray(routes[route]) ? routes[route] : []
    for (var i = 0; i < files.length; i++) {
      var file = files[i]
      if (typeof file !== 'string' || !/^\/assets\/[\w.-]+\.(js|css)$/.test(file)) continue
      var preload = document.createElement('link')
      if (/\.css$/.test(file)) {
        // As a stylesheet, so Vite's loader finds it and does not ask again; it holds the first
        // paint, as Vite would hold the page, so nothing shows unstyled.
        preload.rel = 'stylesheet'
        preload.setAttribute('blocking', 'render')
        firstRouteStylesheet = firstRouteStylesheet || preload
      } else {
        preload.rel = 'modulepreload'
        preload.crossOrigin = ''
      }
      preload.href = file
      document.head.appendChild(preload)
    }
  } catch {
    // Without the preloads the app still loads each route's code when it opens it.
  }

  // The theme class on <html> and its stylesheet in <head>, from what the app remembered
  // (src/client/theme/theme-hint.ts: same key, id and patterns), so a later visit never shows a
  // flash of the default colours. Anything unexpected is ignored: the default theme stays.
  try {
    var hint = JSON.parse(rememberedTheme() || 'null')
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
    document.head.insertBefore(link, firstRouteStylesheet)
  } catch {
    // A damaged value: the default theme it is.
  }
})()
