import { deviceKeysWith } from '../../src/server/auth/device-keys'

/** Device keys under a fixed test secret, for tests that call repos without an app. */
export const TEST_DEVICE_KEY_SECRET = 'test-device-key-secret-0123456789abcdef'
export const testDeviceKeys = deviceKeysWith(TEST_DEVICE_KEY_SECRET)
