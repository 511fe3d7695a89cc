package io.ferstream.model.eval;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import io.ferstream.model.release.Ensemble;
import io.ferstream.model.release.ReleaseManifest;

/**
 * A release bundle's {@link Ensemble} as an {@link EnsemblePredictor}: one member pass per batch gives both each
 * member's probabilities (with the bundle's test-time augmentation) and their mean, which is the ensemble's output
 * (the bundle's mean-softmax rule), so the members are not run twice.
 */
public final class ReleaseEnsemblePredictor implements EnsemblePredictor {

    private final Ensemble ensemble;
    private final List<String> names;

    public ReleaseEnsemblePredictor(Ensemble ensemble) {
        this.ensemble = ensemble;
        List<String> n = new ArrayList<>();
        List<ReleaseManifest.Member> members = ensemble.manifest().members;
        for (int i = 0; i < ensemble.memberCount(); i++) {
            n.add(i < members.size() ? memberName(members.get(i), i) : "member-" + i);
        }
        this.names = List.copyOf(n);
    }

    /** {@code members/03-ref5.zip} -> {@code 03-ref5}. */
    static String memberName(ReleaseManifest.Member m, int index) {
        if (m.entry == null) {
            return String.format("%02d-%s", index, m.architecture);
        }
        String e = m.entry.substring(m.entry.lastIndexOf('/') + 1);
        return e.endsWith(".zip") ? e.substring(0, e.length() - 4) : e;
    }

    public Ensemble ensemble() {
        return ensemble;
    }

    @Override
    public List<String> memberNames() {
        return names;
    }

    @Override
    public EnsembleOutput predictWithMembers(byte[][] crops) {
        float[][][] members = ensemble.memberProbabilities(crops);
        int n = crops.length;
        int k = ensemble.classes().size();
        float[][] mean = new float[n][k];
        for (float[][] m : members) {
            for (int i = 0; i < n; i++) {
                for (int c = 0; c < k; c++) {
                    mean[i][c] += m[i][c];
                }
            }
        }
        for (float[] row : mean) {
            for (int c = 0; c < k; c++) {
                row[c] /= members.length;
            }
        }
        return new EnsembleOutput(mean, Arrays.asList(members));
    }
}
