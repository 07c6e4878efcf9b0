package org.peerdesk.app;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.eclipse.e4.ui.model.application.ui.basic.MPartSashContainer;
import org.eclipse.e4.ui.model.application.ui.basic.MPartSashContainerElement;
import org.eclipse.e4.ui.model.application.ui.basic.MWindow;
import org.eclipse.e4.ui.workbench.modeling.EModelService;

/**
 * The sizes of the window's side-by-side and stacked-up parts: each one's weight in the sash that divides it
 * from its neighbours, which the workbench changes as the user drags the line between them.
 */
final class DividedParts {

    private DividedParts() {
    }

    /** Each divided part's weight now, by its element ID. */
    static Map<String, Integer> weights(MWindow window, EModelService models) {
        Map<String, Integer> weights = new HashMap<>();
        for (MPartSashContainerElement element : divided(window, models)) {
            try {
                weights.put(element.getElementId(), Integer.parseInt(element.getContainerData().strip()));
            } catch (NumberFormatException e) {
                // a weight the workbench did not write; the part keeps the one it is made with
            }
        }
        return weights;
    }

    /** Gives each divided part its weight from {@code weights}, where that has one for it. */
    static void weigh(MWindow window, EModelService models, Map<String, Integer> weights) {
        for (MPartSashContainerElement element : divided(window, models)) {
            Integer weight = weights.get(element.getElementId());
            if (weight != null) {
                element.setContainerData(Integer.toString(weight));
            }
        }
    }

    private static List<MPartSashContainerElement> divided(MWindow window, EModelService models) {
        return models.findElements(window, null, MPartSashContainerElement.class).stream()
                .filter(element -> inSash(element) && element.getElementId() != null && element.getContainerData() != null)
                .toList();
    }

    private static boolean inSash(MPartSashContainerElement element) {
        Object parent = element.getParent(); // typed as a container of any element, which a sash is not
        return parent instanceof MPartSashContainer;
    }
}
