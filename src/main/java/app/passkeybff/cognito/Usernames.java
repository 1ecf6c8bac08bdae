package app.passkeybff.cognito;

import java.util.regex.Pattern;

/**
 * What Cognito accepts as a username: 1 to 128 characters of letters, marks, symbols, numbers and
 * punctuation (its documented pattern {@code [\p{L}\p{M}\p{S}\p{N}\p{P}]+}), so no spaces, control
 * characters or broken UTF-16. A name outside it can belong to no user; asking Cognito anyway only
 * turns client input into Cognito errors.
 */
public final class Usernames {

    static final int MAX_LENGTH = 128;
    private static final Pattern USERNAME = Pattern.compile("[\\p{L}\\p{M}\\p{S}\\p{N}\\p{P}]+");

    private Usernames() {
    }

    public static boolean acceptable(String username) {
        return username != null && !username.isEmpty()
                && username.codePointCount(0, username.length()) <= MAX_LENGTH
                && USERNAME.matcher(username).matches();
    }
}
