package app.passkeybff.auth;

import com.auth0.jwt.interfaces.Claim;
import com.auth0.jwt.interfaces.DecodedJWT;
import org.eclipse.microprofile.jwt.Claims;
import org.eclipse.microprofile.jwt.JsonWebToken;

import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * A verified Cognito ID token as the {@link JsonWebToken} that Quarkus injects. Claims are read from the
 * decoded token when asked for, as plain Java values: strings, {@code Long} for whole numbers (so
 * {@code exp}, {@code iat}, {@code auth_time}), {@code Boolean}, and {@code Set<String>} for {@code aud}
 * and {@code groups}. {@link #toString()} never shows the token.
 */
final class IdToken implements JsonWebToken {

    private final String raw;
    private final DecodedJWT jwt;

    IdToken(String raw, DecodedJWT jwt) {
        this.raw = raw;
        this.jwt = jwt;
    }

    /** MicroProfile JWT's principal name: {@code upn}, else {@code preferred_username}, else {@code sub}. */
    @Override
    public String getName() {
        for (String claim : new String[] {"upn", "preferred_username"}) {
            String value = jwt.getClaim(claim).asString();
            if (value != null) {
                return value;
            }
        }
        return jwt.getSubject();
    }

    @Override
    public Set<String> getClaimNames() {
        Set<String> names = new HashSet<>(jwt.getClaims().keySet());
        names.add(Claims.raw_token.name());
        return names;
    }

    @Override
    @SuppressWarnings("unchecked")
    public <T> T getClaim(String name) {
        return (T) value(name);
    }

    private Object value(String name) {
        if (Claims.raw_token.name().equals(name)) {
            return raw;
        }
        if (Claims.aud.name().equals(name)) {
            List<String> audience = jwt.getAudience();
            return audience == null ? null : Set.copyOf(audience);
        }
        Claim claim = jwt.getClaim(name);
        if (Claims.groups.name().equals(name)) {
            List<String> groups = claim.isMissing() || claim.isNull() ? null : claim.asList(String.class);
            return groups == null ? Set.of() : Set.copyOf(groups);
        }
        if (claim.isMissing() || claim.isNull()) {
            return null;
        }
        String text = claim.asString();
        if (text != null) {
            return text;
        }
        Boolean flag = claim.asBoolean();
        if (flag != null) {
            return flag;
        }
        Long whole = claim.asLong();
        Double number = claim.asDouble();
        if (whole != null && number != null && whole.doubleValue() == number) {
            return whole;
        }
        return number != null ? number : claim.as(Object.class);
    }

    @Override
    public String toString() {
        return "IdToken[sub=" + jwt.getSubject() + "]";
    }
}
