package io.ferstream.registry.api;

import java.util.List;
import java.util.Locale;

/**
 * Content negotiation as Confluent declares it: requests may be any of its three JSON types (or
 * octet-stream / no type, which some clients send); responses prefer the versioned type, then the
 * unversioned one, then plain JSON, according to the Accept header.
 */
final class MediaTypes {
    static final String V1_JSON = "application/vnd.schemaregistry.v1+json";
    static final String DEFAULT_JSON = "application/vnd.schemaregistry+json";
    static final String JSON = "application/json";
    static final String OCTET_STREAM = "application/octet-stream";

    /** Producible types with Confluent's server-side weights (qs). */
    private static final List<String> PRODUCED = List.of(V1_JSON, DEFAULT_JSON, JSON);
    private static final double[] QS = {1.0, 0.9, 0.5};

    private MediaTypes() {
    }

    static boolean isAcceptedRequestType(String contentType) {
        if (contentType == null || contentType.isBlank()) {
            return true;
        }
        String type = bare(contentType);
        return type.equals(V1_JSON) || type.equals(DEFAULT_JSON) || type.equals(JSON) || type.equals(OCTET_STREAM);
    }

    /** @return the response type, or {@code null} when the client accepts none we produce (406) */
    static String negotiate(String accept) {
        if (accept == null || accept.isBlank()) {
            return V1_JSON;
        }
        String best = null;
        double bestScore = 0;
        for (int i = 0; i < PRODUCED.size(); i++) {
            double q = quality(accept, PRODUCED.get(i));
            double score = q * QS[i];
            if (score > bestScore) {
                bestScore = score;
                best = PRODUCED.get(i);
            }
        }
        return best;
    }

    /** The q of the most specific Accept range matching {@code type}; 0 when none does. */
    private static double quality(String accept, String type) {
        String[] typeParts = type.split("/");
        int bestSpecificity = -1;
        double bestQ = 0;
        for (String range : accept.split(",")) {
            String[] params = range.split(";");
            String mediaRange = params[0].trim().toLowerCase(Locale.ROOT);
            double q = 1.0;
            for (int i = 1; i < params.length; i++) {
                String param = params[i].trim();
                if (param.startsWith("q=")) {
                    try {
                        q = Double.parseDouble(param.substring(2).trim());
                    } catch (NumberFormatException e) {
                        q = 0;
                    }
                }
            }
            String[] rangeParts = mediaRange.split("/");
            if (rangeParts.length != 2) {
                continue;
            }
            int specificity;
            if (rangeParts[0].equals("*") && rangeParts[1].equals("*")) {
                specificity = 0;
            } else if (rangeParts[0].equals(typeParts[0]) && rangeParts[1].equals("*")) {
                specificity = 1;
            } else if (mediaRange.equals(type)) {
                specificity = 2;
            } else {
                continue;
            }
            if (specificity > bestSpecificity) {
                bestSpecificity = specificity;
                bestQ = q;
            }
        }
        return bestQ;
    }

    private static String bare(String contentType) {
        int semicolon = contentType.indexOf(';');
        return (semicolon < 0 ? contentType : contentType.substring(0, semicolon)).trim().toLowerCase(Locale.ROOT);
    }
}
