package app.passkeybff.cognito;

/** Cognito asked for the passkey: the session to answer in, and the username Cognito knows the user by. */
public record CustomChallenge(String session, String username) {

    @Override
    public String toString() {
        return "CustomChallenge[username=" + username + ", session=***]";
    }
}
