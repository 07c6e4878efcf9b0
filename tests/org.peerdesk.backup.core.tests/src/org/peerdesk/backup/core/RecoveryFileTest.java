package org.peerdesk.backup.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.LocalDate;
import java.util.Base64;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.peerdesk.backup.BackupException;
import org.peerdesk.core.PeerId;

class RecoveryFileTest {

    private final VaultKeys keys = VaultKeys.generate();
    private final List<RecoveryFile.Holder> holders = List.of(new RecoveryFile.Holder(peer(1), List.of("203.0.113.7:22070")),
            new RecoveryFile.Holder(peer(2), List.of()));

    @Test
    void theHoldersComeBackWithThePhraseThatSealedThem() throws Exception {
        String file = RecoveryFile.write(keys, holders, LocalDate.of(2026, 12, 6));

        assertTrue(file.startsWith("Peerdesk recovery file, made 2026-12-06: "), file);
        assertEquals(holders, RecoveryFile.read(new VaultKeys(keys.secret()), file));
        assertTrue(!file.contains(peer(1).toString()) && !file.contains("203.0.113.7"), "sealed: no ID or address to read in it");
    }

    @Test
    void anotherPhrasesFileADamagedOneAndOtherTextAreRefusedSayingWhich() {
        String file = RecoveryFile.write(keys, holders, LocalDate.of(2026, 12, 6));
        assertEquals("The recovery file does not open with this recovery phrase: it belongs to another phrase, or it was damaged.",
                assertThrows(BackupException.class, () -> RecoveryFile.read(VaultKeys.generate(), file)).getMessage());

        String[] lines = file.split("\n");
        byte[] sealed = Base64.getDecoder().decode(lines[2].split(" ")[1]);
        sealed[sealed.length / 2] ^= 1;
        String damaged = lines[0] + "\n" + lines[1] + "\n" + lines[2].split(" ")[0] + " " + Base64.getEncoder().encodeToString(sealed);
        assertTrue(assertThrows(BackupException.class, () -> RecoveryFile.read(keys, damaged)).getMessage().contains("damaged"));
        assertTrue(assertThrows(BackupException.class, () -> RecoveryFile.read(keys, lines[0] + "\n" + lines[1] + "\nnot base64 at all"))
                .getMessage().contains("damaged"));

        for (String other : List.of("", "hello", "a recovery phrase\nwith\nthree lines", "x".repeat(2 << 20))) {
            assertEquals("That is not a Peerdesk recovery file ('peerdesk recovery file FILE' makes one).",
                    assertThrows(BackupException.class, () -> RecoveryFile.read(keys, other)).getMessage());
        }
    }

    private static PeerId peer(int first) {
        byte[] id = new byte[PeerId.LENGTH];
        id[0] = (byte) first;
        return new PeerId(id);
    }
}
