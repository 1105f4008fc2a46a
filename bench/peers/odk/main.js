// ODK Web Forms as its README says to use it: the plugin, then <OdkWebForm> with the form's XML.
import { OdkWebForm, webFormsPlugin } from '@getodk/web-forms'
import { createApp, h } from 'vue'
import formXml from '../form/flash-poll.xml?raw'

const app = createApp({
  render: () =>
    h(OdkWebForm, {
      formXml,
      fetchFormAttachment: (url) => fetch(url),
      onSubmit: (_payload, callback) => callback?.({ status: 'success' }),
    }),
})
app.use(webFormsPlugin)
app.mount('#app')
