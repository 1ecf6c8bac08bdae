package app.passkeybff.connecttoken;

import app.passkeybff.problem.ProblemException;

import java.util.Arrays;
import java.util.stream.Collectors;

/** The ConnectToken types the BFF hands out; {@code passkey-login} is deliberately not one. */
public enum ConnectTokenType {
    PASSKEY_APPEND("passkey-append"),
    PASSKEY_LIST("passkey-list"),
    PASSKEY_DELETE("passkey-delete");

    private final String wire;

    ConnectTokenType(String wire) {
        this.wire = wire;
    }

    public String wire() {
        return wire;
    }

    public static ConnectTokenType parse(String value) {
        if (value == null) {
            throw ProblemException.invalidRequest("Field 'type' is required.");
        }
        return Arrays.stream(values()).filter(t -> t.wire.equals(value)).findFirst()
                .orElseThrow(() -> ProblemException.invalidRequest("Field 'type' must be one of "
                        + Arrays.stream(values()).map(ConnectTokenType::wire).collect(Collectors.joining(", "))
                        + "."));
    }
}
