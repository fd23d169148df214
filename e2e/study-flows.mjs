// The Study panel (issue 7): write a card, review it with the keyboard, the next due time; without a model
// generation is offered disabled, with the reason.

import { expectFocus, expectNoSeriousViolations, shoot, text } from "./checks.mjs";
import { assert, assertEqual } from "./harness.mjs";

export async function studyFlows(ctx) {
  const { h, page, state } = ctx;
  await h.test(
    "study panel: write a card → 1 due → Space flips → 3 rates Good → done, next due; no model: generation disabled",
    async () => {
      await page.goto(state.notebookUrl);
      const study = page.getByRole("region", { name: "Study" });
      const summary = study.locator("[data-due-summary]");
      assertEqual(await text(summary), "No cards due today", "nothing due before the first card");
      const empty = study.locator('[data-state="review-done"]');
      assert(await empty.getByText("Write a card below").isVisible(), "the empty state says what to do");
      assertEqual(
        await study.getByText(/nothing to review|no cards due/i).count(),
        1,
        "one single 'nothing due' message in the panel",
      );
      assert(await study.getByText("Keyboard:").isVisible(), "shortcuts documented on screen");

      await study.getByLabel("Front (question)").fill("Who investigates civil aviation accidents in the US?");
      await study.getByLabel("Back (answer)").fill("The National Transportation Safety Board (NTSB)");
      await study.getByRole("button", { name: "Add card" }).click();
      await summary.getByText("1 card due today").waitFor();
      const card = study.locator("[data-card]");
      await card.getByText("Who investigates civil aviation accidents in the US?").waitFor();
      assertEqual(await card.locator("[data-back]").count(), 0, "back hidden before flipping");

      await study.locator("[data-front]").focus();
      await page.keyboard.press("Space");
      await card.locator("[data-back]").getByText("National Transportation Safety Board").waitFor();
      await expectFocus(
        page,
        () => document.activeElement?.hasAttribute("data-back"),
        undefined,
        "focus on the answer",
      );
      await expectNoSeriousViolations(page, "study (answer shown)");
      await shoot(page, "study-card", { dark: true });

      await page.keyboard.press("3");
      const done = study.locator('[data-state="review-done"]');
      await done.getByText("All done for now").waitFor();
      await expectFocus(
        page,
        () => document.activeElement?.getAttribute("data-state") === "review-done",
        undefined,
        "focus on the done state",
      );
      const nextDue = await text(done.locator("[data-next-due]"));
      assert(/^Next card due in \d+ minutes? \(.+\)$/.test(nextDue), `next due time shown (got "${nextDue}")`);
      assert(
        /due again in \d+ minutes?/.test(await text(study.locator("[data-last-review]"))),
        "last rating's next due shown",
      );

      // No language model locally: the server says so in /health/ready, so generation is offered disabled,
      // with the reason beside it, and no card or quiz is invented.
      await study
        .locator("[data-generate-blocked]")
        .getByText("No language model is configured on this server")
        .waitFor();
      assert(await study.getByRole("button", { name: "Generate flashcards" }).isDisabled(), "cards disabled");
      assert(await study.getByRole("button", { name: "Generate a quiz" }).isDisabled(), "quiz disabled");
      assert(await study.getByRole("button", { name: "Create study guide" }).isDisabled(), "guide disabled");
      assert(await study.getByText("No quizzes yet.").isVisible(), "no quiz invented");
      await expectNoSeriousViolations(page, "study");
      await shoot(page, "study", { dark: true });
    },
  );
}
