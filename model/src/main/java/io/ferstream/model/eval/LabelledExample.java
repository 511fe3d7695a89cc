package io.ferstream.model.eval;

import java.util.Iterator;
import java.util.NoSuchElementException;
import java.util.Objects;

import io.ferstream.model.data.Fer2013Data;

/**
 * One crop with its true class.
 *
 * @param pixels 48x48 = 2304 unsigned grayscale bytes, row-major
 * @param label  true class index
 */
public record LabelledExample(byte[] pixels, int label) {

    public LabelledExample {
        Objects.requireNonNull(pixels, "pixels");
        if (label < 0) {
            throw new IllegalArgumentException("label must be >= 0, was " + label);
        }
    }

    /** The first {@code limit} images of a FER2013 data set ({@code limit <= 0}: all), in order. */
    public static Iterator<LabelledExample> from(Fer2013Data data, int limit) {
        int n = limit <= 0 ? data.size() : Math.min(limit, data.size());
        return new Iterator<>() {
            private int next;

            @Override
            public boolean hasNext() {
                return next < n;
            }

            @Override
            public LabelledExample next() {
                if (next >= n) {
                    throw new NoSuchElementException();
                }
                int i = next++;
                return new LabelledExample(data.image(i), data.label(i));
            }
        };
    }
}
