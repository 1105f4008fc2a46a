/**
 * The NL Design System component CSS and our tokens, shared by both apps (the residents' and the
 * back office): one list, so the two never drift apart.
 */
import '@utrecht/document-css/dist/index.css'
import '@utrecht/heading-1-css/dist/index.css'
import '@utrecht/heading-2-css/dist/index.css'
import '@utrecht/heading-3-css/dist/index.css'
import '@utrecht/paragraph-css/dist/index.css'
import '@utrecht/link-css/dist/index.css'
import '@utrecht/button-css/dist/index.css'
import '@utrecht/alert-css/dist/index.css'
import '@utrecht/form-field-css/dist/index.css'
import '@utrecht/form-fieldset-css/dist/index.css'
import '@utrecht/form-label-css/dist/index.css'
import '@utrecht/form-field-description-css/dist/index.css'
import '@utrecht/form-field-error-message-css/dist/index.css'
import '@utrecht/radio-button-css/dist/index.css'
import '@utrecht/checkbox-css/dist/index.css'
import '@utrecht/textarea-css/dist/index.css'
import '@utrecht/select-css/dist/index.css'
import '@utrecht/table-css/dist/index.css'
import './tokens.css'
import './global.css'
