/**
 * What every feature's {@code @ConfigMapping} shares: strict value readers and the patterns that
 * validate settings at start-up, so a malformed environment variable stops the service with one line
 * naming it instead of failing requests later.
 */
package app.passkeybff.config;
