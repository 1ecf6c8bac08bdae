package app.passkeybff.append;

import app.passkeybff.config.StrictBoolean;
import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithConverter;
import io.smallrye.config.WithDefault;

/** Settings of what runs after the append component reports a passkey. */
@ConfigMapping(prefix = "append")
public interface AppendConfig {

    /** Run the post-append MFA rule for a completed append ({@code ACTIONS_MFA_ON_APPEND}, application.properties). */
    @WithDefault("true")
    @WithConverter(StrictBoolean.class)
    boolean mfaOnAppend();
}
