package app.passkeybff.actions;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** Settings of the Corbado actions and of what runs after a passkey append. */
@ConfigMapping(prefix = "actions")
public interface ActionsConfig {

    /** Run the post-append MFA rule when the frontend reports a completed append. */
    @WithDefault("true")
    boolean mfaOnAppend();
}
