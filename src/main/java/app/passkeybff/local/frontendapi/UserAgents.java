package app.passkeybff.local.frontendapi;

/**
 * The operating system and browser a passkey was created with, read from the User-Agent the way
 * Corbado's passkey list shows them ({@code sourceOS}, {@code sourceBrowser}): a coarse name, never
 * the header itself.
 */
final class UserAgents {

    private UserAgents() {
    }

    static String os(String userAgent) {
        String ua = userAgent == null ? "" : userAgent;
        if (ua.contains("Windows")) {
            return "Windows";
        }
        if (ua.contains("iPhone") || ua.contains("iPad")) {
            return "iOS";
        }
        if (ua.contains("Mac OS X")) {
            return "macOS";
        }
        if (ua.contains("Android")) {
            return "Android";
        }
        return ua.contains("Linux") ? "Linux" : "Unknown";
    }

    static String browser(String userAgent) {
        String ua = userAgent == null ? "" : userAgent;
        if (ua.contains("Edg/")) {
            return "Edge";
        }
        if (ua.contains("Firefox/")) {
            return "Firefox";
        }
        if (ua.contains("Chrome/")) {
            return "Chrome";
        }
        return ua.contains("Safari/") ? "Safari" : "Unknown";
    }
}
