package org.peerdesk.testing;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Random;

import org.peerdesk.core.InvalidInputException;

/**
 * Feeds a decoder what a hostile or broken peer might send: valid encodings with bytes flipped, cut
 * short, grown, or with a length or count field overwritten by a large or negative number, and bytes
 * at random. A decoder may take the input or refuse it with a checked exception ({@link IOException},
 * {@link InvalidInputException}); anything else (an unchecked exception, an {@link OutOfMemoryError}
 * from a length believed) fails, naming the input. Seeded: a failure comes back on every run.
 */
public final class WireFuzz {

    /** Reads one thing from the bytes, as a node reads what came from the network. */
    @FunctionalInterface
    public interface Decoder {
        void decode(byte[] input) throws IOException, InvalidInputException;
    }

    /** Writes a valid encoding. */
    @FunctionalInterface
    public interface Encoding {
        void write(DataOutputStream out) throws IOException;
    }

    private static final int[] HOSTILE_INTS = {-1, Integer.MIN_VALUE, Integer.MAX_VALUE, 0x7fff, 0xffff, 1 << 24, 0};

    private WireFuzz() {
    }

    /** The bytes that {@code encoding} writes. */
    public static byte[] bytes(Encoding encoding) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            encoding.write(out);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }

    /** The bytes to read, as a decoder reads a stream. */
    public static DataInputStream data(byte[] input) {
        return new DataInputStream(new ByteArrayInputStream(input));
    }

    /** Decodes {@code rounds} inputs made from {@code valid}; throws an {@link AssertionError} at the first one handled badly. */
    public static void check(String what, List<byte[]> valid, Decoder decoder, long seed, int rounds) {
        Random random = new Random(seed);
        for (int round = 0; round < rounds; round++) {
            byte[] input = mutate(valid.get(random.nextInt(valid.size())), random);
            try {
                decoder.decode(input);
            } catch (IOException | InvalidInputException e) {
                // refused, as it should be
            } catch (RuntimeException | OutOfMemoryError | StackOverflowError e) {
                throw new AssertionError(what + " threw " + e + " instead of refusing " + HexFormat.of().formatHex(input)
                        + " (round " + round + ", seed " + seed + ")", e);
            }
        }
    }

    static byte[] mutate(byte[] valid, Random random) {
        byte[] input = valid.clone();
        switch (random.nextInt(6)) {
            case 0 -> {
                for (int flips = 1 + random.nextInt(4); flips > 0 && input.length > 0; flips--) {
                    input[random.nextInt(input.length)] ^= (byte) (1 << random.nextInt(8));
                }
            }
            case 1 -> input = Arrays.copyOf(input, input.length == 0 ? 0 : random.nextInt(input.length));
            case 2 -> {
                byte[] longer = Arrays.copyOf(input, input.length + 1 + random.nextInt(64));
                for (int i = input.length; i < longer.length; i++) {
                    longer[i] = (byte) random.nextInt();
                }
                input = longer;
            }
            case 3, 4 -> {
                if (input.length >= 4) {
                    int at = random.nextInt(input.length - 3);
                    int value = HOSTILE_INTS[random.nextInt(HOSTILE_INTS.length)];
                    boolean shortField = random.nextBoolean();
                    int width = shortField ? 2 : 4;
                    for (int i = 0; i < width; i++) {
                        input[at + i] = (byte) (value >>> (8 * (width - 1 - i)));
                    }
                }
            }
            default -> {
                input = new byte[random.nextInt(Math.max(2, valid.length * 2))];
                random.nextBytes(input);
            }
        }
        return input;
    }
}
