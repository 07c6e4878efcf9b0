package org.peerdesk.examples.polls;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

import org.peerdesk.core.InvalidInputException;
import org.peerdesk.core.PeerId;
import org.peerdesk.messaging.Reaction;

/**
 * A question and the choices members vote among. It travels as a message's data (the question on the first line, a
 * choice on each line after it) beside a text that lists the choices by number, so that members without the plugin read
 * the poll too. A member votes by reacting to the message with a choice's number: each member's newest reaction counts
 * once, as reactions do, so a vote can be changed or taken back, and members without the plugin vote the same way.
 */
record Poll(String question, List<String> choices) {

    /** The type of message content a poll is. */
    static final String TYPE = "org.peerdesk.examples.polls/poll";
    /** The most choices: each is voted for with one digit. */
    static final int MOST_CHOICES = 9;
    /** The longest question or choice, in characters. */
    static final int LONGEST = 200;

    Poll {
        choices = List.copyOf(choices);
    }

    /**
     * A poll of {@code question} among {@code choices}.
     *
     * @throws InvalidInputException for an empty or long question or choice, one holding a line break, a choice named
     *         twice, or fewer than two or more than {@value #MOST_CHOICES} choices
     */
    static Poll of(String question, List<String> choices) throws InvalidInputException {
        if (choices.size() < 2 || choices.size() > MOST_CHOICES) {
            throw new InvalidInputException("a poll has 2 to " + MOST_CHOICES + " choices, not " + choices.size());
        }
        String checkedQuestion = checked("question", question);
        List<String> checkedChoices = new ArrayList<>();
        for (String choice : choices) {
            checkedChoices.add(checked("choice", choice));
        }
        if (new HashSet<>(checkedChoices.stream().map(choice -> choice.toLowerCase(Locale.ROOT)).toList()).size() != choices.size()) {
            throw new InvalidInputException("a poll names each choice once");
        }
        return new Poll(checkedQuestion, checkedChoices);
    }

    /** The poll a message's data holds. @throws InvalidInputException where it holds none, saying why */
    static Poll parse(String data) throws InvalidInputException {
        List<String> lines = data.lines().toList();
        if (lines.isEmpty()) {
            throw new InvalidInputException("the poll has no question");
        }
        return of(lines.get(0), lines.subList(1, lines.size()));
    }

    /** The poll as a message's data: the question, then a line for each choice. */
    String data() {
        return question + "\n" + String.join("\n", choices);
    }

    /** The message's text: what every member reads, the plugin or not. */
    String text() {
        StringBuilder text = new StringBuilder("Poll: ").append(question).append('\n');
        for (int i = 0; i < choices.size(); i++) {
            text.append(i + 1).append(". ").append(choices.get(i)).append('\n');
        }
        return text.append("Vote by reacting with the number of your choice.").toString();
    }

    /** The choice a reaction votes for: its number, from 1; empty for any other reaction. */
    Optional<Integer> choiceOf(String reaction) {
        return reaction.length() == 1 && reaction.charAt(0) >= '1' && reaction.charAt(0) < '1' + choices.size()
                ? Optional.of(reaction.charAt(0) - '0') : Optional.empty();
    }

    /**
     * The votes so far, a line for each choice: "Pizza: 2 votes (Ana, you)". {@code reactions} are the message's, each
     * member's newest; {@code names} names the voters.
     */
    String tally(List<Reaction> reactions, Function<PeerId, String> names) {
        Map<Integer, List<PeerId>> voters = new HashMap<>();
        for (Reaction reaction : reactions) {
            choiceOf(reaction.reaction()).ifPresent(choice -> voters.computeIfAbsent(choice, any -> new ArrayList<>()).addAll(reaction.by()));
        }
        List<String> lines = new ArrayList<>();
        for (int i = 0; i < choices.size(); i++) {
            List<PeerId> by = voters.getOrDefault(i + 1, List.of());
            lines.add(choices.get(i) + ": " + (by.isEmpty() ? "no votes" : by.size() + (by.size() == 1 ? " vote (" : " votes (")
                    + String.join(", ", by.stream().map(names).toList()) + ")"));
        }
        return String.join("\n", lines);
    }

    private static String checked(String what, String text) throws InvalidInputException {
        String trimmed = text == null ? "" : text.strip();
        if (trimmed.isEmpty() || trimmed.length() > LONGEST || trimmed.chars().anyMatch(Character::isISOControl)) {
            throw new InvalidInputException("a poll's " + what + " is 1 to " + LONGEST + " characters on one line, not \"" + text + "\"");
        }
        return trimmed;
    }
}
