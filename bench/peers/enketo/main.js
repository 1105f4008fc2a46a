// Enketo Core as its README says to use it: the transformed HTML form is in the page, the model
// comes with the script, `new Form(...).init()` makes it work; the theme is Enketo's formhub theme.
import { Form } from 'enketo-core'
import './theme.scss'
import modelStr from './generated/model.xml?raw'

const form = new Form(document.querySelector('form.or'), { modelStr }, {})
const loadErrors = form.init()
if (loadErrors.length > 0) console.error('enketo load errors', loadErrors)
document.querySelector('#submit-form').addEventListener('click', async () => {
  if (await form.validate()) console.log('submitted', form.getDataStr())
})
