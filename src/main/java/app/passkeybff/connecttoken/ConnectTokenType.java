package app.passkeybff.connecttoken;

import java.util.Arrays;

/** The ConnectToken types the BFF hands out; {@code passkey-login} is deliberately not one. */
public enum ConnectTokenType {
    PASSKEY_APPEND("passkey-append"),
    PASSKEY_LIST("passkey-list"),
    PASSKEY_DELETE("passkey-delete");

    /** The wire values, for the request's declared constraint. */
    public static final String WIRE_VALUES = "^(passkey-append|passkey-list|passkey-delete)$";

    private final String wire;

    ConnectTokenType(String wire) {
        this.wire = wire;
    }

    public String wire() {
        return wire;
    }

    /** Adding or removing a passkey is a credential change: it needs a recent sign-in (step-up). */
    public boolean changesCredentials() {
        return this == PASSKEY_APPEND || this == PASSKEY_DELETE;
    }

    /** For a value the request's constraint already admitted. */
    public static ConnectTokenType fromWire(String value) {
        return Arrays.stream(values()).filter(t -> t.wire.equals(value)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("Not a ConnectToken type."));
    }
}
