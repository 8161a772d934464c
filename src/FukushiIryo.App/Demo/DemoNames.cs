namespace FukushiIryo.App.Demo;

/// <summary>A name part: its kanji (or other) writing and its reading in full-width katakana.</summary>
public readonly record struct DemoName(string Text, string Kana);

/// <summary>
/// The demo's own lists of common Japanese surnames and given names, by generation, written for
/// FukushiIryo (no external list). A few surnames use characters outside CP932 (𠮷, 𡈽: surrogate
/// pairs) or only in its IBM/NEC extensions, not in JIS X 0208 (髙, 﨑, 德, 濵), so that every screen,
/// file and print path meets them.
/// </summary>
public static class DemoNames
{
    /// <summary>Surnames common in 奈良 and the Kansai region.</summary>
    public static IReadOnlyList<DemoName> Surnames { get; } = Parse(
        "田中:タナカ 山本:ヤマモト 中村:ナカムラ 吉田:ヨシダ 松本:マツモト 井上:イノウエ 山田:ヤマダ 山口:ヤマグチ " +
        "森:モリ 西村:ニシムラ 上田:ウエダ 奥田:オクダ 辻:ツジ 岡田:オカダ 前田:マエダ 藤井:フジイ 北村:キタムラ " +
        "米田:ヨネダ 吉川:ヨシカワ 松田:マツダ 中西:ナカニシ 福井:フクイ 木村:キムラ 林:ハヤシ 清水:シミズ " +
        "池田:イケダ 橋本:ハシモト 阪本:サカモト 坂本:サカモト 小林:コバヤシ 高橋:タカハシ 鈴木:スズキ 佐藤:サトウ " +
        "伊藤:イトウ 渡辺:ワタナベ 加藤:カトウ 山崎:ヤマサキ 森本:モリモト 中川:ナカガワ 藤本:フジモト " +
        "岡本:オカモト 竹内:タケウチ 堀:ホリ 今西:イマニシ 植田:ウエダ 東:ヒガシ 杉本:スギモト 中尾:ナカオ " +
        "西田:ニシダ 大西:オオニシ 村田:ムラタ 谷口:タニグチ 上野:ウエノ 森田:モリタ 川口:カワグチ 安田:ヤスダ " +
        "浅田:アサダ 乾:イヌイ 巽:タツミ 栗山:クリヤマ 久保:クボ 松井:マツイ 丸山:マルヤマ 福田:フクダ " +
        "岩本:イワモト 石田:イシダ 増田:マスダ 中島:ナカジマ 平井:ヒライ 堀内:ホリウチ 辰巳:タツミ 吉岡:ヨシオカ " +
        "西川:ニシカワ 南:ミナミ 柳田:ヤナギダ 中谷:ナカタニ 宮本:ミヤモト 野村:ノムラ 和田:ワダ 原田:ハラダ " +
        "小西:コニシ 大谷:オオタニ 新谷:シンタニ 玉井:タマイ 植村:ウエムラ 喜多:キタ 木下:キノシタ 松尾:マツオ " +
        "三木:ミキ 杉田:スギタ 野口:ノグチ 藤田:フジタ 酒井:サカイ 北田:キタダ 中井:ナカイ 山下:ヤマシタ " +
        "大森:オオモリ 太田:オオタ 坂口:サカグチ 吉村:ヨシムラ 上村:ウエムラ 奥村:オクムラ 中野:ナカノ " +
        "𠮷田:ヨシダ 𡈽屋:ツチヤ 髙橋:タカハシ 山﨑:ヤマサキ 德永:トクナガ 濵田:ハマダ");

    /// <summary>Surnames whose writing is outside CP932 (surrogate pairs).</summary>
    public static IReadOnlyList<DemoName> SurnamesOutsideCp932 { get; } = Parse("𠮷田:ヨシダ 𡈽屋:ツチヤ 𠮷村:ヨシムラ");

    /// <summary>Given names of women born from the 1970s to the 1990s (mothers).</summary>
    public static IReadOnlyList<DemoName> MotherNames { get; } = Parse(
        "愛:アイ 彩:アヤ 麻衣:マイ 舞:マイ 真由美:マユミ 裕子:ユウコ 智子:トモコ 由美:ユミ 明美:アケミ " +
        "香織:カオリ 恵:メグミ 沙織:サオリ 美穂:ミホ 友美:トモミ 久美子:クミコ 奈々:ナナ 千尋:チヒロ 亜紀:アキ " +
        "綾香:アヤカ 瞳:ヒトミ 優子:ユウコ 直美:ナオミ 純子:ジュンコ 美香:ミカ 由香:ユカ 早苗:サナエ " +
        "真理子:マリコ 陽子:ヨウコ 恵美:エミ 祐子:ユウコ 理恵:リエ 美紀:ミキ 紀子:ノリコ 麻美:アサミ 朋子:トモコ " +
        "沙耶:サヤ 里美:サトミ 真希:マキ 彩花:アヤカ 美咲:ミサキ 遥:ハルカ 結衣:ユイ 夏美:ナツミ 芳美:ヨシミ");

    /// <summary>Given names of men born from the 1970s to the 1990s (fathers).</summary>
    public static IReadOnlyList<DemoName> FatherNames { get; } = Parse(
        "大輔:ダイスケ 健一:ケンイチ 拓也:タクヤ 直樹:ナオキ 和也:カズヤ 誠:マコト 剛:ツヨシ 浩二:コウジ " +
        "隆:タカシ 修:オサム 亮:リョウ 翔:ショウ 達也:タツヤ 哲也:テツヤ 雄一:ユウイチ 康弘:ヤスヒロ " +
        "智之:トモユキ 雅人:マサト 慎吾:シンゴ 健太郎:ケンタロウ 洋平:ヨウヘイ 俊介:シュンスケ 裕太:ユウタ " +
        "聡:サトシ 大介:ダイスケ 秀樹:ヒデキ 淳:ジュン 学:マナブ 竜也:タツヤ 英樹:ヒデキ");

    /// <summary>Given names of women born from the 1940s to the 1960s (grandmothers).</summary>
    public static IReadOnlyList<DemoName> GrandmotherNames { get; } = Parse(
        "和子:カズコ 洋子:ヨウコ 京子:キョウコ 節子:セツコ 悦子:エツコ 順子:ジュンコ 良子:ヨシコ 文子:フミコ " +
        "幸子:サチコ 恵子:ケイコ 美智子:ミチコ 弘子:ヒロコ 光子:ミツコ 信子:ノブコ 百合子:ユリコ 久子:ヒサコ " +
        "千代子:チヨコ 静江:シズエ 富美子:フミコ 登美子:トミコ");

    /// <summary>Given names of men born from the 1940s to the 1960s (grandfathers).</summary>
    public static IReadOnlyList<DemoName> GrandfatherNames { get; } = Parse(
        "茂:シゲル 勇:イサム 実:ミノル 清:キヨシ 正:タダシ 博:ヒロシ 進:ススム 武:タケシ 昭:アキラ " +
        "秀夫:ヒデオ 和夫:カズオ 義雄:ヨシオ 幸雄:ユキオ 正男:マサオ 健二:ケンジ 勝:マサル 豊:ユタカ 稔:ミノル");

    /// <summary>Given names of girls born since the 2000s.</summary>
    public static IReadOnlyList<DemoName> GirlNames { get; } = Parse(
        "陽葵:ヒマリ 凛:リン 芽依:メイ 結菜:ユイナ 咲良:サクラ 紬:ツムギ 澪:ミオ 葵:アオイ 結愛:ユア " +
        "美桜:ミオ 莉子:リコ 心春:コハル 彩花:アヤカ 優奈:ユウナ 杏:アン 花音:カノン 美結:ミユ 柚希:ユズキ " +
        "愛莉:アイリ さくら:サクラ 陽菜:ヒナ 琴音:コトネ 楓:カエデ 美月:ミヅキ 七海:ナナミ 菜々子:ナナコ " +
        "真央:マオ 日向:ヒナタ 千夏:チナツ 未来:ミライ");

    /// <summary>Given names of boys born since the 2000s.</summary>
    public static IReadOnlyList<DemoName> BoyNames { get; } = Parse(
        "陽翔:ハルト 蓮:レン 湊:ミナト 大和:ヤマト 悠真:ユウマ 朝陽:アサヒ 樹:イツキ 颯太:ソウタ 蒼:アオイ " +
        "陽向:ヒナタ 翔太:ショウタ 大翔:ヒロト 拓海:タクミ 健太:ケンタ 優斗:ユウト 悠人:ユウト 陸:リク " +
        "律:リツ 碧:アオイ 結翔:ユイト 颯:ハヤテ 奏太:カナタ 海斗:カイト 航:ワタル 大輝:ダイキ 駿:シュン " +
        "蒼空:ソラ 晴:ハル 瑛太:エイタ 悠:ハルカ");

    /// <summary>Full names of women who use their home-country name (本国名), in Latin letters, with their kana.</summary>
    public static IReadOnlyList<DemoName> HomeCountryNames { get; } =
    [
        new("NGUYEN THI HOA", "グエン　ティ　ホア"),
        new("TRAN THI MAI", "チャン　ティ　マイ"),
        new("SANTOS MARIA CLARA", "サントス　マリア　クララ"),
        new("KIM MINJI", "キム　ミンジ"),
        new("WANG LI", "ワン　リー"),
        new("REYES ANA", "レジェス　アナ"),
    ];

    /// <summary>"姓　名" and "セイ　メイ" with a full-width space between, as a 住基 extract writes them.</summary>
    public static (string Name, string Kana) Full(DemoName surname, DemoName given) =>
        (surname.Text + "\u3000" + given.Text, surname.Kana + "\u3000" + given.Kana);

    private static DemoName[] Parse(string list) =>
        list.Split(' ', StringSplitOptions.RemoveEmptyEntries)
            .Select(pair =>
            {
                var colon = pair.IndexOf(':', StringComparison.Ordinal);
                return new DemoName(pair[..colon], pair[(colon + 1)..]);
            })
            .ToArray();
}
