using FukushiIryo.App.MedicalClaims;
using FukushiIryo.Domain.Numbers;
using Microsoft.EntityFrameworkCore;
using Microsoft.Playwright;

namespace FukushiIryo.Web.Tests;

/// <summary>
/// Issue 17 item 2: 新規申請 and 償還払い入力 completed and saved with the keyboard alone (Tab, typing,
/// arrow keys in a select, Space on a checkbox, Enter; no click, no programmatic focus), starting
/// from the skip link; and a visible focus ring on a link, a button, an input and a select.
/// </summary>
[Collection(AccessibilityDefinition.Name)]
public sealed class KeyboardAccessTests(WebAppFixture app)
{
    [Fact]
    public async Task A_new_application_is_entered_and_received_with_the_keyboard_alone()
    {
        await AccessibilityData.SeedAsync(app);
        string bank, branch;
        await using (var db = app.OpenDb())
        {
            var row = await db.BankBranches.Where(b => b.RemovedInEdition == null && b.BankCode != "9900").OrderBy(b => b.Id).FirstAsync();
            (bank, branch) = (row.BankCode, row.BranchCode);
        }

        await using var browser = await AccessibilityData.LaunchAsync();
        var page = await EligibilityBrowserJourneyTests.LoginAsync(app, browser, "madoguchi1", []);
        await page.GotoAsync(new Uri(app.BaseAddress, "/Applications/New").ToString());
        await SkipToMainAsync(page);

        var today = DateOnly.FromDateTime(app.Clock.GetUtcNow().AddHours(9).DateTime).ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);
        await TabToAsync(page, page.GetByLabel("申請年月日"));
        await page.Keyboard.TypeAsync(today);
        await TabToAsync(page, page.GetByLabel("申請理由"));
        await page.Keyboard.TypeAsync("離婚による");
        await TabToAsync(page, page.GetByLabel("宛名番号", new() { Exact = true }));
        await page.Keyboard.TypeAsync("000901");
        await Assertions.Expect(page.Locator("#applicant-echo")).ToContainTextAsync("斑鳩 真理（生年月日");
        await TabToAsync(page, page.GetByLabel("ひとり親理由"));
        await ChooseAsync(page, page.GetByLabel("ひとり親理由"), "離婚");
        await TabToAsync(page, page.GetByLabel("事由発生年月日"));
        await page.Keyboard.TypeAsync("令和5年12月20日");
        await TabToAsync(page, page.GetByLabel("児童1の宛名番号"));
        await page.Keyboard.TypeAsync("000902");
        await Assertions.Expect(page.Locator("#child-0-echo")).ToContainTextAsync("斑鳩 蒼（生年月日");
        var insured = page.GetByLabel("児童1の保険加入");
        await TabToAsync(page, insured);
        await page.Keyboard.PressAsync("Space");
        await Assertions.Expect(insured).ToBeCheckedAsync();
        await TabToAsync(page, page.GetByLabel("保険種別"));
        await ChooseAsync(page, page.GetByLabel("保険種別"), "国保");
        await TabToAsync(page, page.GetByLabel("保険者番号"));
        await page.Keyboard.TypeAsync("290015");
        await TabToAsync(page, page.GetByLabel("金融機関コード"));
        await page.Keyboard.TypeAsync(bank);
        await TabToAsync(page, page.GetByLabel("支店コード"));
        await page.Keyboard.TypeAsync(branch);
        await TabToAsync(page, page.GetByLabel("口座番号"));
        await page.Keyboard.TypeAsync("7654321");
        await TabToAsync(page, page.GetByLabel("口座名義人（カナ）"));
        await page.Keyboard.TypeAsync("ｲｶﾙｶﾞ ﾏﾘ");
        await TabToAsync(page, page.GetByLabel("電話番号"));
        await page.Keyboard.TypeAsync("0742-34-9999");
        await page.ScreenshotAsync(new() { Path = Shot("a11y-keyboard-application"), FullPage = true });
        await TabToAsync(page, page.GetByRole(AriaRole.Button, new() { Name = "受付（受付番号を付番）" }));
        await page.Keyboard.PressAsync("Enter");

        await Assertions.Expect(page.GetByRole(AriaRole.Status)).ToContainTextAsync("で受け付けました。");
        await page.ScreenshotAsync(new() { Path = Shot("a11y-keyboard-application-received"), FullPage = true });
        await using var check = app.OpenDb();
        var applicant = await check.Persons.Where(p => p.AtenaNumber == "000901").Select(p => p.Id).SingleAsync();
        var saved = await check.Applications.SingleAsync(a => a.ApplicantPersonId == applicant);
        Assert.Equal("離婚による", saved.ApplicationReason);
    }

    [Fact]
    public async Task Manual_claims_are_entered_and_saved_with_the_keyboard_alone()
    {
        var mother = RecipientNumber.FromSerial(101).ToString();
        await using var browser = await AccessibilityData.LaunchAsync();
        var page = await EligibilityBrowserJourneyTests.LoginAsync(app, browser, "madoguchi1", []);
        await page.GotoAsync(new Uri(app.BaseAddress, "/Claims/Manual").ToString());
        await SkipToMainAsync(page);

        await TabToAsync(page, page.GetByLabel("受給者番号"));
        await page.Keyboard.TypeAsync(mother);
        await page.Keyboard.PressAsync("Tab");
        await Assertions.Expect(page.Locator("#recipient-name")).ToContainTextAsync("奈良 花子");
        await Assertions.Expect(page.GetByLabel("医療機関コード（1行目）")).ToBeFocusedAsync();
        await ClaimsBrowserJourneyTests.TypeRowAsync(page, "0100102", "奈良あすか医院", "R8.9", inpatient: false, "1", "500", "1500");
        await page.Keyboard.PressAsync("Enter"); // in a row: the next row, not a submit
        await Assertions.Expect(page.GetByLabel("医療機関コード（2行目）")).ToBeFocusedAsync();
        await ClaimsBrowserJourneyTests.TypeRowAsync(page, "0100102", "奈良いかるが病院", "令和8年9月", inpatient: true, "3", "2000", "6000");
        await page.ScreenshotAsync(new() { Path = Shot("a11y-keyboard-manual-claims"), FullPage = true });
        await TabToAsync(page, page.GetByRole(AriaRole.Button, new() { Name = "保存して審査" }));
        await page.Keyboard.PressAsync("Enter");

        await Assertions.Expect(page.GetByRole(AriaRole.Status)).ToContainTextAsync("2 件を登録し、審査しました");
        await using var check = app.OpenDb();
        var saved = await check.MedicalClaims.Where(c => c.Source == MedicalClaimSource.Manual && c.ServiceMonth == 202609)
            .OrderBy(c => c.Id).Select(c => new { c.ProviderCode, c.Inpatient, c.EnteredBy }).ToListAsync();
        Assert.Equal([("0100102", false, "madoguchi1"), ("0100102", true, "madoguchi1")], saved.Select(c => (c.ProviderCode, c.Inpatient, c.EnteredBy!)).ToList());
    }

    /// <summary>
    /// Each kind of focusable element shows a ring of at least 2px when it has the keyboard focus,
    /// and none without it: the ring is drawn by :focus-visible, not by the element's own style.
    /// </summary>
    [Fact]
    public async Task The_keyboard_focus_is_visible_on_a_link_a_button_an_input_and_a_select()
    {
        await using var browser = await AccessibilityData.LaunchAsync();
        var page = await EligibilityBrowserJourneyTests.LoginAsync(app, browser, "madoguchi1", []);
        await page.GotoAsync(new Uri(app.BaseAddress, "/Applications/New").ToString());
        var main = page.Locator("main");
        var elements = new (string Kind, ILocator Element)[]
        {
            ("link", main.GetByRole(AriaRole.Link, new() { Name = "申請", Exact = true })),
            ("input", page.GetByLabel("申請年月日")),
            ("select", page.GetByLabel("ひとり親理由")),
            ("checkbox", page.GetByLabel("児童1の保険加入")),
            ("button", page.GetByRole(AriaRole.Button, new() { Name = "受付（受付番号を付番）" })),
        };
        foreach (var (kind, element) in elements)
        {
            Assert.False(await RingAsync(element), $"the {kind} shows a focus ring before it has the focus");
        }

        foreach (var (kind, element) in elements)
        {
            await TabToAsync(page, element);
            Assert.True(await RingAsync(element), $"the {kind} shows no focus ring of 2px or more when focused with the keyboard");
        }

        await page.ScreenshotAsync(new() { Path = Shot("a11y-focus-button") });
    }

    /// <summary>The skip link is the first stop of Tab, visible when focused, and Enter moves the focus into the main content.</summary>
    private static async Task SkipToMainAsync(IPage page)
    {
        await page.Keyboard.PressAsync("Tab");
        var skip = page.GetByRole(AriaRole.Link, new() { Name = "本文へ移動" });
        await Assertions.Expect(skip).ToBeFocusedAsync();
        await Assertions.Expect(skip).ToBeInViewportAsync();
        await page.Keyboard.PressAsync("Enter");
        await Assertions.Expect(page.Locator("main")).ToBeFocusedAsync();
    }

    /// <summary>Presses Tab until the element has the focus (failing after 60 stops): it is reachable by keyboard, in order.</summary>
    private static async Task TabToAsync(IPage page, ILocator element)
    {
        for (var stop = 0; stop < 60; stop++)
        {
            if (await element.EvaluateAsync<bool>("e => e === document.activeElement"))
            {
                return;
            }

            await page.Keyboard.PressAsync("Tab");
        }

        Assert.Fail($"Tab never reached {element}");
    }

    /// <summary>Arrow keys in the focused select until the option with this text is chosen.</summary>
    private static async Task ChooseAsync(IPage page, ILocator select, string label)
    {
        for (var step = 0; step < 30; step++)
        {
            if (await select.EvaluateAsync<string>("s => s.selectedOptions.length ? s.selectedOptions[0].text : ''") == label)
            {
                return;
            }

            await page.Keyboard.PressAsync("ArrowDown");
        }

        Assert.Fail($"the option {label} was not reached with the arrow keys");
    }

    private static Task<bool> RingAsync(ILocator element) => element.EvaluateAsync<bool>(
        """
        e => {
          const s = getComputedStyle(e);
          const outline = s.outlineStyle !== 'none' && parseFloat(s.outlineWidth) >= 2;
          const shadow = s.boxShadow && s.boxShadow !== 'none';
          return outline || shadow;
        }
        """);

    private static string Shot(string name) => Path.Combine(WebAppFixture.ArtifactsDirectory, name + ".png");
}
