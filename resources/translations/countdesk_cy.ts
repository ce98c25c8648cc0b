<?xml version='1.0' encoding='utf-8'?>
<TS version="2.1" language="cy_GB">
<context>
    <name>Batch</name>
    <message>
        <source>Save all declarations</source>
        <translation>Cadw pob datganiad</translation>
    </message>
    <message>
        <source>No ward has been declared yet.</source>
        <translation>Nid oes unrhyw ward wedi'i datgan eto.</translation>
    </message>
    <message>
        <source>Save all declarations in the folder</source>
        <translation>Cadw pob datganiad yn y ffolder</translation>
    </message>
    <message>
        <source>Sign the declarations</source>
        <translation>Llofnodi'r datganiadau</translation>
    </message>
    <message>
        <source>Passphrase for the signing key {name}:</source>
        <translation>Cyfrinymadrodd yr allwedd lofnodi {name}:</translation>
    </message>
    <message>
        <source>Saving the declaration for {ward} ({done} of {n})…</source>
        <translation>Yn cadw'r datganiad ar gyfer {ward} ({done} o {n})…</translation>
    </message>
    <message>
        <source>Saved {saved} of {total} declarations (signed) in {folder}.</source>
        <translation>Cadwyd {saved} o {total} datganiad (wedi'u llofnodi) yn {folder}.</translation>
    </message>
    <message>
        <source>Saved {saved} of {total} declarations in {folder}.</source>
        <translation>Cadwyd {saved} o {total} datganiad yn {folder}.</translation>
    </message>
    <message>
        <source>Cancelled: the others were not saved.</source>
        <translation>Diddymwyd: ni chadwyd y lleill.</translation>
    </message>
    <message>
        <source>Some declarations were not saved</source>
        <translation>Ni chadwyd rhai datganiadau</translation>
    </message>
    <message>
        <source>Declarations saved</source>
        <translation>Datganiadau wedi'u cadw</translation>
    </message>
    <message>
        <source>Declarations not saved</source>
        <translation>Ni chadwyd y datganiadau</translation>
    </message>
    <message>
        <source>Saving {n} declarations…</source>
        <translation>Yn cadw {n} datganiad…</translation>
    </message>
    <message>
        <source>Saving 1 declaration…</source>
        <translation>Yn cadw 1 datganiad…</translation>
    </message>
</context>
<context>
    <name>BoxesModel</name>
    <message>
        <source>postal</source>
        <translation>drwy'r post</translation>
    </message>
    <message>
        <source>ballot box</source>
        <translation>blwch pleidleisio</translation>
    </message>
    <message>
        <source>Not saved</source>
        <translation>Heb ei gadw</translation>
    </message>
</context>
<context>
    <name>DeclareDialog</name>
    <message>
        <source>Declare the result — {ward}</source>
        <translation>Datgan y canlyniad — {ward}</translation>
    </message>
    <message>
        <source>Declare the result: read back</source>
        <translation>Datgan y canlyniad: darllen yn ôl</translation>
    </message>
    <message>
        <source> (including one additional vote allotted by lot)</source>
        <translation> (gan gynnwys un bleidlais ychwanegol a ddyrannwyd drwy goelbren)</translation>
    </message>
    <message>
        <source> — &lt;b&gt;ELECTED&lt;/b&gt;</source>
        <translation> — &lt;b&gt;ETHOLWYD&lt;/b&gt;</translation>
    </message>
    <message>
        <source>not known</source>
        <translation>anhysbys</translation>
    </message>
    <message>
        <source>&lt;p&gt;Read these names and figures back aloud before declaring.&lt;/p&gt;</source>
        <translation>&lt;p&gt;Darllenwch yr enwau a'r ffigurau hyn yn ôl yn uchel cyn datgan.&lt;/p&gt;</translation>
    </message>
    <message>
        <source>&lt;p&gt;&lt;b&gt;Elected:&lt;/b&gt; {names}&lt;/p&gt;</source>
        <translation>&lt;p&gt;&lt;b&gt;Etholwyd:&lt;/b&gt; {names}&lt;/p&gt;</translation>
    </message>
    <message>
        <source>&lt;tr&gt;&lt;th&gt;Candidate&lt;/th&gt;&lt;th&gt;Description&lt;/th&gt;&lt;th&gt;Votes&lt;/th&gt;&lt;th&gt;&lt;/th&gt;&lt;/tr&gt;</source>
        <translation>&lt;tr&gt;&lt;th&gt;Ymgeisydd&lt;/th&gt;&lt;th&gt;Disgrifiad&lt;/th&gt;&lt;th&gt;Pleidleisiau&lt;/th&gt;&lt;th&gt;&lt;/th&gt;&lt;/tr&gt;</translation>
    </message>
    <message>
        <source>&lt;p&gt;Ballot papers counted: {papers}. Turnout: {turnout}.&lt;/p&gt;</source>
        <translation>&lt;p&gt;Papurau pleidleisio a gyfrifwyd: {papers}. Y ganran a bleidleisiodd: {turnout}.&lt;/p&gt;</translation>
    </message>
    <message>
        <source>Names and figures to read back</source>
        <translation>Enwau a ffigurau i'w darllen yn ôl</translation>
    </message>
    <message>
        <source>Names and figures to read back (scrolls)</source>
        <translation>Enwau a ffigurau i'w darllen yn ôl (yn sgrolio)</translation>
    </message>
    <message>
        <source>Names and &amp;figures (↓ and Page Down scroll):</source>
        <translation>Enwau a &amp;ffigurau (mae ↓ a Page Down yn sgrolio):</translation>
    </message>
    <message>
        <source>Declared by</source>
        <translation>Datganwyd gan</translation>
    </message>
    <message>
        <source>Declared &amp;by (returning officer):</source>
        <translation>Datganwyd &amp;gan (y swyddog canlyniadau):</translation>
    </message>
    <message>
        <source>I have &amp;read back the names of the elected and every figure, and they match the count</source>
        <translation>Rwyf wedi da&amp;rllen yn ôl enwau'r rhai a etholwyd a phob ffigur, ac maent yn cyfateb i'r cyfrif</translation>
    </message>
    <message>
        <source>Confirm the read-back</source>
        <translation>Cadarnhau’r darllen yn ôl</translation>
    </message>
    <message>
        <source>&amp;Declare and lock</source>
        <translation>&amp;Datgan a chloi</translation>
    </message>
    <message>
        <source>✖ Tick the read-back box first.</source>
        <translation>✖ Ticiwch y blwch darllen yn ôl yn gyntaf.</translation>
    </message>
    <message>
        <source>✖ Say who declares the result.</source>
        <translation>✖ Nodwch pwy sy'n datgan y canlyniad.</translation>
    </message>
</context>
<context>
    <name>Dialogs</name>
    <message>
        <source>{sentence}

(code {code})</source>
        <translation>{sentence}

(cod {code})</translation>
    </message>
    <message>
        <source>Returning officer's passphrase</source>
        <translation>Cyfrinymadrodd y swyddog canlyniadau</translation>
    </message>
    <message>
        <source>{what} needs the returning officer's passphrase:</source>
        <translation>{what} — mae angen cyfrinymadrodd y swyddog canlyniadau:</translation>
    </message>
</context>
<context>
    <name>EntryPanel</name>
    <message>
        <source>Count &amp;sheet:</source>
        <translation>&amp;Taflen gyfrif:</translation>
    </message>
    <message>
        <source>&amp;Add count sheet…</source>
        <translation>&amp;Ychwanegu taflen gyfrif…</translation>
    </message>
    <message>
        <source>Sheet state</source>
        <translation>Cyflwr y daflen</translation>
    </message>
    <message>
        <source>Entry message</source>
        <translation>Neges mewnbynnu</translation>
    </message>
    <message>
        <source>Start &amp;keying…</source>
        <translation>&amp;Mewnbynnu…</translation>
    </message>
    <message>
        <source>Start keying: give your name</source>
        <translation>Dechrau mewnbynnu: rhowch eich enw</translation>
    </message>
    <message>
        <source>Fi&amp;nish keying</source>
        <translation>Gorffe&amp;n</translation>
    </message>
    <message>
        <source>Finish keying</source>
        <translation>Gorffen mewnbynnu</translation>
    </message>
    <message>
        <source>Re-ke&amp;y first</source>
        <translation>Ail-wneud y 1&amp;af</translation>
    </message>
    <message>
        <source>Re-key se&amp;cond</source>
        <translation>Ail-wneud y 2i&amp;l</translation>
    </message>
    <message>
        <source>S&amp;upervisor: accept first keying</source>
        <translation>Gor&amp;uchwyliwr: derbyn y mewnbynnu cyntaf</translation>
    </message>
    <message>
        <source>Supervis&amp;or: accept second keying</source>
        <translation>Goruc&amp;hwyliwr: derbyn yr ail fewnbynnu</translation>
    </message>
    <message>
        <source>Key the differing fields a&amp;gain…</source>
        <translation>Gwahaniaethau et&amp;o…</translation>
    </message>
    <message>
        <source>Key the differing fields again, by a third person</source>
        <translation>Mewnbynnu'r meysydd gwahanol eto, gan drydydd person</translation>
    </message>
    <message>
        <source>Choose a ward.</source>
        <extracomment>who is keying each unfinished keying: (ward id, sheet, slot) -&gt; name</extracomment>
        <translation>Dewiswch ward.</translation>
    </message>
    <message>
        <source>This round has no count sheets yet.</source>
        <translation>Nid oes gan y rownd hon daflenni cyfrif eto.</translation>
    </message>
    <message>
        <source>✖ The two keyings of “{sheet}” differ on: {labels}. Check the paper sheet, then re-key, or the supervisor accepts the keying that matches it.</source>
        <translation>✖ Mae dau fewnbynnu “{sheet}” yn wahanol o ran: {labels}. Gwiriwch y daflen bapur, yna ail-fewnbynnu, neu mae'r goruchwyliwr yn derbyn y mewnbynnu sy'n cyfateb iddi.</translation>
    </message>
    <message>
        <source>The two keyings side by side</source>
        <translation>Y ddau fewnbynnu ochr yn ochr</translation>
    </message>
    <message>
        <source>✔ Sheet “{sheet}” is accepted ({source}). Its figures can only change through a recount.</source>
        <translation>✔ Mae taflen “{sheet}” wedi'i derbyn ({source}). Dim ond drwy ailgyfrif y gall ei ffigurau newid.</translation>
    </message>
    <message>
        <source>A second operator keys the same sheet without seeing the first keying.</source>
        <translation>Mae ail weithredwr yn mewnbynnu'r un daflen heb weld y mewnbynnu cyntaf.</translation>
    </message>
    <message>
        <source>Double entry is on: a second operator will key this sheet again.</source>
        <translation>Mae mewnbynnu dwbl ymlaen: bydd ail weithredwr yn mewnbynnu'r daflen hon eto.</translation>
    </message>
    <message>
        <source>Double entry is off: this keying becomes the count.</source>
        <translation>Mae mewnbynnu dwbl i ffwrdd: y mewnbynnu hwn fydd y cyfrif.</translation>
    </message>
    <message>
        <source>✎ Second keying of “{sheet}”.</source>
        <translation>✎ Ail fewnbynnu “{sheet}”.</translation>
    </message>
    <message>
        <source>✎ First keying of “{sheet}”.</source>
        <translation>✎ Mewnbynnu cyntaf “{sheet}”.</translation>
    </message>
    <message>
        <source>Each figure is saved as soon as you press Enter.</source>
        <translation>Caiff pob ffigur ei gadw cyn gynted ag y pwyswch Enter.</translation>
    </message>
    <message>
        <source>Fi&amp;nish second keying</source>
        <translation>Gorffe&amp;n yr ail fewnbynnu</translation>
    </message>
    <message>
        <source>Fi&amp;nish the third keying</source>
        <translation>Gorffe&amp;n y trydydd mewnbynnu</translation>
    </message>
    <message>
        <source>Fi&amp;nish first keying</source>
        <translation>Gorffe&amp;n y mewnbynnu cyntaf</translation>
    </message>
    <message>
        <source>Figures for this sheet</source>
        <translation>Ffigurau'r daflen hon</translation>
    </message>
    <message>
        <source>not saved</source>
        <translation>heb ei gadw</translation>
    </message>
    <message>
        <source>✖ Not saved: {error}</source>
        <translation>✖ Heb ei gadw: {error}</translation>
    </message>
    <message>
        <source>✔ Saved.</source>
        <translation>✔ Wedi'i gadw.</translation>
    </message>
    <message>
        <source>Choose a ward and a count sheet first.</source>
        <translation>Dewiswch ward a thaflen gyfrif yn gyntaf.</translation>
    </message>
    <message>
        <source>“{0}” was not keyed: </source>
        <translation>Ni fewnbynnwyd “{0}”: </translation>
    </message>
    <message>
        <source>Nothing to key here: </source>
        <translation>Dim i'w fewnbynnu yma: </translation>
    </message>
    <message>
        <source>✔ The second keying matched: sheet accepted.</source>
        <translation>✔ Roedd yr ail fewnbynnu'n cyfateb: derbyniwyd y daflen.</translation>
    </message>
    <message>
        <source>✔ The first keying matched: sheet accepted.</source>
        <translation>✔ Roedd y mewnbynnu cyntaf yn cyfateb: derbyniwyd y daflen.</translation>
    </message>
    <message>
        <source>Accept the second keying as the count for this sheet? Do this only when it matches the paper sheet.</source>
        <translation>Derbyn yr ail fewnbynnu fel y cyfrif ar gyfer y daflen hon? Gwnewch hyn dim ond pan fydd yn cyfateb i'r daflen bapur.</translation>
    </message>
    <message>
        <source>Accept the first keying as the count for this sheet? Do this only when it matches the paper sheet.</source>
        <translation>Derbyn y mewnbynnu cyntaf fel y cyfrif ar gyfer y daflen hon? Gwnewch hyn dim ond pan fydd yn cyfateb i'r daflen bapur.</translation>
    </message>
    <message>
        <source>Not accepted</source>
        <translation>Heb ei dderbyn</translation>
    </message>
    <message>
        <source>accepting the second keying of “{sheet}”</source>
        <translation>derbyn ail fewnbynnu “{sheet}”</translation>
    </message>
    <message>
        <source>accepting the first keying of “{sheet}”</source>
        <translation>derbyn mewnbynnu cyntaf “{sheet}”</translation>
    </message>
    <message>
        <source>Add count sheet</source>
        <translation>Ychwanegu taflen gyfrif</translation>
    </message>
    <message>
        <source>Count sheet</source>
        <translation>Taflen gyfrif</translation>
    </message>
    <message>
        <source>Name of the counting table:</source>
        <translation>Enw'r bwrdd cyfrif:</translation>
    </message>
    <message>
        <source>Sheet not added</source>
        <translation>Ni ychwanegwyd y daflen</translation>
    </message>
</context>
<context>
    <name>EntryView</name>
    <message>
        <source>Figures for this sheet</source>
        <extracomment>a key was typed where no figure can be keyed (the text typed)</extracomment>
        <translation>Ffigurau'r daflen hon</translation>
    </message>
</context>
<context>
    <name>LotDialog</name>
    <message>
        <source>Tossing a coin</source>
        <translation>Taflu ceiniog</translation>
    </message>
    <message>
        <source>Drawing straws</source>
        <translation>Tynnu gwellt</translation>
    </message>
    <message>
        <source>Cutting a pack of cards</source>
        <translation>Torri pecyn o gardiau</translation>
    </message>
    <message>
        <source>Names drawn from a box</source>
        <translation>Tynnu enwau o flwch</translation>
    </message>
    <message>
        <source>Record drawing of lots — {ward}</source>
        <translation>Cofnodi tynnu coelbren — {ward}</translation>
    </message>
    <message>
        <source>Record drawing of lots</source>
        <translation>Cofnodi tynnu coelbren</translation>
    </message>
    <message>
        <source>&lt;b&gt;Equality of votes in {ward}.&lt;/b&gt; These candidates each have &lt;b&gt;{votes}&lt;/b&gt; votes for {seats}. The winner of the lot is treated as having one additional vote ({rule}).</source>
        <translation>&lt;b&gt;Cyfartaledd pleidleisiau yn {ward}.&lt;/b&gt; Mae gan bob un o'r ymgeiswyr hyn &lt;b&gt;{votes}&lt;/b&gt; o bleidleisiau am {seats}. Caiff enillydd y coelbren ei drin fel pe bai wedi cael un bleidlais ychwanegol ({rule}).</translation>
    </message>
    <message>
        <source>Method of drawing lots</source>
        <translation>Dull tynnu coelbren</translation>
    </message>
    <message>
        <source>&amp;Method:</source>
        <translation>&amp;Dull:</translation>
    </message>
    <message>
        <source>One name per line: candidates and agents present</source>
        <translation>Un enw ar bob llinell: yr ymgeiswyr a'r asiantiaid sy'n bresennol</translation>
    </message>
    <message>
        <source>Witnesses, one per line</source>
        <translation>Tystion, un ar bob llinell</translation>
    </message>
    <message>
        <source>&amp;Witnesses:</source>
        <translation>&amp;Tystion:</translation>
    </message>
    <message>
        <source>Lot recorded by</source>
        <translation>Coelbren wedi’i gofnodi gan</translation>
    </message>
    <message>
        <source>Recorded &amp;by:</source>
        <translation>Cofnodwyd &amp;gan:</translation>
    </message>
    <message>
        <source>Winner of the lot:</source>
        <translation>Enillydd y coelbren:</translation>
    </message>
    <message>
        <source>{name} ({party}) — {votes} votes</source>
        <translation>{name} ({party}) — {votes} o bleidleisiau</translation>
    </message>
    <message>
        <source>Winner: {name}, {party}</source>
        <translation>Enillydd: {name}, {party}</translation>
    </message>
    <message>
        <source>&amp;Record lot</source>
        <translation>&amp;Cofnodi'r coelbren</translation>
    </message>
    <message>
        <source>✖ Choose the candidate who won the lot.</source>
        <translation>✖ Dewiswch yr ymgeisydd a enillodd y coelbren.</translation>
    </message>
    <message>
        <source>✖ Say who records the lot.</source>
        <translation>✖ Nodwch pwy sy'n cofnodi'r coelbren.</translation>
    </message>
    <message>
        <source>✖ Say how the lot was drawn.</source>
        <translation>✖ Nodwch sut y tynnwyd y coelbren.</translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <source>Lan&amp;guage</source>
        <extracomment>what switching says, in both languages (the new one first): it takes effect at the next start</extracomment>
        <translation>&amp;Iaith</translation>
    </message>
    <message>
        <source>countdesk main window</source>
        <translation>Prif ffenestr countdesk</translation>
    </message>
    <message>
        <source>Filter wards (Ctrl+F)</source>
        <translation>Hidlo wardiau (Ctrl+F)</translation>
    </message>
    <message>
        <source>Filter wards</source>
        <translation>Hidlo wardiau</translation>
    </message>
    <message>
        <source>Wards</source>
        <translation>Wardiau</translation>
    </message>
    <message>
        <source>Wards declared</source>
        <translation>Wardiau wedi'u datgan</translation>
    </message>
    <message>
        <source>%v of %m wards declared</source>
        <translation>%v o %m ward wedi'u datgan</translation>
    </message>
    <message>
        <source>Choose a ward</source>
        <translation>Dewiswch ward</translation>
    </message>
    <message>
        <source>Ward</source>
        <translation>Ward</translation>
    </message>
    <message>
        <source>Ward views</source>
        <translation>Golygon y ward</translation>
    </message>
    <message>
        <source>&amp;Result</source>
        <translation>&amp;Canlyniad</translation>
    </message>
    <message>
        <source>Count &amp;entry</source>
        <translation>Cofnodi'r cyf&amp;rif</translation>
    </message>
    <message>
        <source>Ver&amp;ification</source>
        <translation>D&amp;ilysu</translation>
    </message>
    <message>
        <source>Se&amp;t-up</source>
        <translation>&amp;Sefydlu</translation>
    </message>
    <message>
        <source>Operator:</source>
        <translation>Gweithredwr:</translation>
    </message>
    <message>
        <source>Operator name</source>
        <translation>Enw'r gweithredwr</translation>
    </message>
    <message>
        <source>Your name (recorded with every entry)</source>
        <translation>Eich enw (caiff ei gofnodi gyda phob cofnod)</translation>
    </message>
    <message>
        <source>&amp;File</source>
        <translation>&amp;Ffeil</translation>
    </message>
    <message>
        <source>&amp;New election from file…</source>
        <translation>Etholiad &amp;newydd o ffeil…</translation>
    </message>
    <message>
        <source>&amp;Open store…</source>
        <translation>Ag&amp;or storfa…</translation>
    </message>
    <message>
        <source>Open &amp;demo election</source>
        <translation>Agor yr etholiad &amp;enghreifftiol</translation>
    </message>
    <message>
        <source>&amp;Reopen the last store</source>
        <translation>&amp;Ailagor y storfa ddiwethaf</translation>
    </message>
    <message>
        <source>&amp;Quit</source>
        <translation>&amp;Ymadael</translation>
    </message>
    <message>
        <source>&amp;Documents</source>
        <translation>&amp;Dogfennau</translation>
    </message>
    <message>
        <source>&amp;Provisional result sheet…</source>
        <translation>Taflen y canlyniad &amp;dros dro…</translation>
    </message>
    <message>
        <source>Statement of &amp;verification…</source>
        <translation>Datganiad d&amp;ilysu…</translation>
    </message>
    <message>
        <source>Statement of &amp;rejected ballot papers…</source>
        <translation>Datganiad am bapurau pleidleisio a &amp;wrthodwyd…</translation>
    </message>
    <message>
        <source>Record of re&amp;counts…</source>
        <translation>Cofnod o'r &amp;ailgyfrifon…</translation>
    </message>
    <message>
        <source>&amp;Timing report of the count (all wards)…</source>
        <translation>Adroddiad a&amp;mseru'r cyfrif (pob ward)…</translation>
    </message>
    <message>
        <source>&amp;Declaration of result (declared ward)…</source>
        <translation>Datganiad o'r &amp;canlyniad (ward a ddatganwyd)…</translation>
    </message>
    <message>
        <source>&amp;Notice of election result (all wards)…</source>
        <translation>&amp;Hysbysiad o ganlyniad yr etholiad (pob ward)…</translation>
    </message>
    <message>
        <source>Choose the returning officer's &amp;signing key…</source>
        <translation>Dewis allwedd &amp;lofnodi'r swyddog canlyniadau…</translation>
    </message>
    <message>
        <source>Choose a signature &amp;image…</source>
        <translation>Dewis d&amp;elwedd llofnod…</translation>
    </message>
    <message>
        <source>Save &amp;all declarations…</source>
        <translation>Cadw po&amp;b datganiad…</translation>
    </message>
    <message>
        <source>&amp;Board</source>
        <translation>&amp;Bwrdd</translation>
    </message>
    <message>
        <source>&amp;Open results board…</source>
        <translation>&amp;Agor bwrdd y canlyniadau…</translation>
    </message>
    <message>
        <source>&amp;View</source>
        <translation>&amp;Golwg</translation>
    </message>
    <message>
        <source>&amp;Larger type</source>
        <translation>Teip &amp;mwy</translation>
    </message>
    <message>
        <source>&amp;High contrast</source>
        <translation>C&amp;yferbyniad uchel</translation>
    </message>
    <message>
        <source>&amp;Find ward</source>
        <translation>&amp;Chwilio am ward</translation>
    </message>
    <message>
        <source>Show Result</source>
        <translation>Dangos Canlyniad</translation>
    </message>
    <message>
        <source>Show Count entry</source>
        <translation>Dangos Cofnodi'r cyfrif</translation>
    </message>
    <message>
        <source>Show Verification</source>
        <translation>Dangos Dilysu</translation>
    </message>
    <message>
        <source>Show Set-up</source>
        <translation>Dangos Sefydlu</translation>
    </message>
    <message>
        <source>Returning officer's signing key (PKCS#12)</source>
        <translation>Allwedd lofnodi'r swyddog canlyniadau (PKCS#12)</translation>
    </message>
    <message>
        <source>PKCS#12 files (*.p12 *.pfx);;All files (*)</source>
        <translation>Ffeiliau PKCS#12 (*.p12 *.pfx);;Pob ffeil (*)</translation>
    </message>
    <message>
        <source>Signing key</source>
        <translation>Allwedd lofnodi</translation>
    </message>
    <message>
        <source>Declarations will be signed with {path}. The passphrase is asked for at each declaration and never stored.</source>
        <translation>Caiff datganiadau eu llofnodi gyda {path}. Gofynnir am y cyfrinymadrodd ar gyfer pob datganiad ac ni chaiff byth ei gadw.</translation>
    </message>
    <message>
        <source>Signature image</source>
        <translation>Delwedd llofnod</translation>
    </message>
    <message>
        <source>Images (*.png *.jpg *.jpeg)</source>
        <translation>Delweddau (*.png *.jpg *.jpeg)</translation>
    </message>
    <message>
        <source>Choose a ward in the list first.</source>
        <translation>Dewiswch ward yn y rhestr yn gyntaf.</translation>
    </message>
    <message>
        <source>Sign the document</source>
        <translation>Llofnodi'r ddogfen</translation>
    </message>
    <message>
        <source>Passphrase for the signing key {name}:</source>
        <translation>Cyfrinymadrodd yr allwedd lofnodi {name}:</translation>
    </message>
    <message>
        <source>Provisional result</source>
        <translation>Canlyniad dros dro</translation>
    </message>
    <message>
        <source>Statement of verification</source>
        <translation>Datganiad dilysu</translation>
    </message>
    <message>
        <source>Statement of rejected ballot papers</source>
        <translation>Datganiad am bapurau pleidleisio a wrthodwyd</translation>
    </message>
    <message>
        <source>Declaration of result of poll</source>
        <translation>Datganiad o ganlyniad y bleidlais</translation>
    </message>
    <message>
        <source>Notice of election result</source>
        <translation>Hysbysiad o ganlyniad yr etholiad</translation>
    </message>
    <message>
        <source>Record of recounts</source>
        <translation>Cofnod o'r ailgyfrifon</translation>
    </message>
    <message>
        <source>Timing report of the count</source>
        <translation>Adroddiad amseru'r cyfrif</translation>
    </message>
    <message>
        <source>Error reported after the declaration</source>
        <translation>Gwall a adroddwyd ar ôl y datganiad</translation>
    </message>
    <message>
        <source>Signed with the returning officer's key.</source>
        <translation>Wedi'i llofnodi ag allwedd y swyddog canlyniadau.</translation>
    </message>
    <message>
        <source>Not signed: choose a signing key in the Documents menu to sign declarations.</source>
        <translation>Heb ei llofnodi: dewiswch allwedd lofnodi yn y ddewislen Dogfennau i lofnodi datganiadau.</translation>
    </message>
    <message>
        <source>Show this to the candidates and agents: they may ask for a recount before anything is declared. Closing the preview asks to record that it was shown.</source>
        <translation>Dangoswch hwn i'r ymgeiswyr a'r asiantiaid: gallant ofyn am ailgyfrif cyn i ddim gael ei ddatgan. Wrth gau'r rhagolwg, gofynnir a ddylid cofnodi iddo gael ei ddangos.</translation>
    </message>
    <message>
        <source>{title}: ready</source>
        <translation>{title}: yn barod</translation>
    </message>
    <message>
        <source>{sentence}

(code {code})</source>
        <translation>{sentence}

(cod {code})</translation>
    </message>
    <message>
        <source>{title} not produced</source>
        <translation>Methwyd â chynhyrchu: {title}</translation>
    </message>
    <message>
        <source>Preparing: {title}…</source>
        <translation>Yn paratoi: {title}…</translation>
    </message>
    <message>
        <source>Cannot open the store</source>
        <translation>Ni ellir agor y storfa</translation>
    </message>
    <message>
        <source>Open a countdesk store</source>
        <translation>Agor storfa countdesk</translation>
    </message>
    <message>
        <source>countdesk stores (*.db);;All files (*)</source>
        <translation>Storfeydd countdesk (*.db);;Pob ffeil (*)</translation>
    </message>
    <message>
        <source>Cannot open the demo</source>
        <translation>Ni ellir agor yr etholiad enghreifftiol</translation>
    </message>
    <message>
        <source>Demo: a fresh copy of the Welsh demo election (Eryri 2022, documents in Welsh and English), at {0}.</source>
        <translation>Enghraifft: copi newydd o'r etholiad enghreifftiol Cymreig (Eryri 2022, dogfennau yn Gymraeg ac yn Saesneg), yn {0}.</translation>
    </message>
    <message>
        <source>Election file to import</source>
        <translation>Ffeil etholiad i'w mewnforio</translation>
    </message>
    <message>
        <source>Election files (*.json)</source>
        <translation>Ffeiliau etholiad (*.json)</translation>
    </message>
    <message>
        <source>Save the new store as</source>
        <translation>Cadw'r storfa newydd fel</translation>
    </message>
    <message>
        <source>countdesk stores (*.db)</source>
        <translation>Storfeydd countdesk (*.db)</translation>
    </message>
    <message>
        <source>Election file not imported</source>
        <translation>Ni fewnforiwyd y ffeil etholiad</translation>
    </message>
    <message>
        <source>{ward} — {seats} seats</source>
        <translation>{ward} — {seats} sedd</translation>
    </message>
    <message>
        <source>{ward} — 1 seat</source>
        <translation>{ward} — 1 sedd</translation>
    </message>
    <message>
        <source>No ward matches “{0}”.</source>
        <translation>Nid oes ward yn cyfateb i “{0}”.</translation>
    </message>
</context>
<context>
    <name>NameDialog</name>
    <message>
        <source>Why not</source>
        <translation>Pam lai</translation>
    </message>
</context>
<context>
    <name>Ops</name>
    <message>
        <source>Not done</source>
        <translation>Heb ei wneud</translation>
    </message>
    <message>
        <source>{title}: {what} needs the returning officer's passphrase; nothing was changed.</source>
        <extracomment>the panel that started it and shows its outcome itself (not redrawn after it)</extracomment>
        <translation>{title}: mae angen cyfrinymadrodd y swyddog canlyniadau ar gyfer {what}; ni newidiwyd dim.</translation>
    </message>
    <message>
        <source>&amp;Cancel</source>
        <translation>&amp;Diddymu</translation>
    </message>
</context>
<context>
    <name>PdfPreview</name>
    <message>
        <source>Preview: {title}</source>
        <translation>Rhagolwg: {title}</translation>
    </message>
    <message>
        <source>Document note</source>
        <translation>Nodyn am y ddogfen</translation>
    </message>
    <message>
        <source>Document preview</source>
        <translation>Rhagolwg o'r ddogfen</translation>
    </message>
    <message>
        <source>&amp;Print…</source>
        <translation>&amp;Argraffu…</translation>
    </message>
    <message>
        <source>&amp;Save as PDF…</source>
        <translation>&amp;Cadw fel PDF…</translation>
    </message>
    <message>
        <source>&amp;Close</source>
        <translation>Ca&amp;u</translation>
    </message>
    <message>
        <source>Save as PDF</source>
        <translation>Cadw fel PDF</translation>
    </message>
    <message>
        <source>PDF files (*.pdf)</source>
        <translation>Ffeiliau PDF (*.pdf)</translation>
    </message>
    <message>
        <source>Not saved</source>
        <translation>Heb ei gadw</translation>
    </message>
    <message>
        <source>Saved</source>
        <translation>Wedi'i gadw</translation>
    </message>
    <message>
        <source>Saved {path}</source>
        <translation>Cadwyd {path}</translation>
    </message>
    <message>
        <source>Not printed</source>
        <translation>Heb ei argraffu</translation>
    </message>
    <message>
        <source>The printer could not be started.</source>
        <translation>Nid oedd modd cychwyn yr argraffydd.</translation>
    </message>
</context>
<context>
    <name>People</name>
    <message>
        <source>Who is keying the first keying of “{sheet}”? Your name is recorded with every figure you key.</source>
        <translation>Pwy sy'n gwneud y mewnbynnu cyntaf o “{sheet}”? Caiff eich enw ei gofnodi gyda phob ffigur y byddwch yn ei fewnbynnu.</translation>
    </message>
    <message>
        <source>Who is keying the second keying of “{sheet}”? It is keyed by someone other than the first keyer, from the paper sheet, without seeing the first keying.</source>
        <translation>Pwy sy'n gwneud yr ail fewnbynnu o “{sheet}”? Caiff ei fewnbynnu gan rywun heblaw'r un a wnaeth y mewnbynnu cyntaf, o'r daflen bapur, heb weld y mewnbynnu cyntaf.</translation>
    </message>
    <message>
        <source>The two keyings of “{sheet}” differ. A third person, who keyed neither, keys only the differing fields from the paper sheet, without looking at either keying. Where the third figure matches one of the two, that figure stands.</source>
        <translation>Mae dau fewnbynnu “{sheet}” yn wahanol. Mae trydydd person, na wnaeth yr un o'r ddau, yn mewnbynnu'r meysydd gwahanol yn unig o'r daflen bapur, heb edrych ar y naill fewnbynnu na'r llall. Lle mae'r trydydd ffigur yn cyfateb i un o'r ddau, mae'r ffigur hwnnw'n sefyll.</translation>
    </message>
    <message>
        <source>Start the first keying</source>
        <translation>Dechrau’r mewnbynnu cyntaf</translation>
    </message>
    <message>
        <source>Start the second keying</source>
        <translation>Dechrau’r ail fewnbynnu</translation>
    </message>
    <message>
        <source>Key the differing fields again</source>
        <translation>Mewnbynnu'r meysydd gwahanol eto</translation>
    </message>
    <message>
        <source>Your &amp;name:</source>
        <translation>Eich &amp;enw:</translation>
    </message>
    <message>
        <source>&amp;Start keying</source>
        <translation>&amp;Dechrau mewnbynnu</translation>
    </message>
    <message>
        <source>first keying</source>
        <translation>mewnbynnu cyntaf</translation>
    </message>
    <message>
        <source>second keying</source>
        <translation>ail fewnbynnu</translation>
    </message>
    <message>
        <source>third keying of the differing fields</source>
        <translation>trydydd mewnbynnu o’r meysydd gwahanol</translation>
    </message>
    <message>
        <source>✎ Third keying of “{sheet}”: only the {n} differing field(s).</source>
        <translation>✎ Trydydd mewnbynnu “{sheet}”: dim ond y {n} maes gwahanol.</translation>
    </message>
    <message>
        <source>Key them from the paper sheet, without looking at either keying.</source>
        <translation>Mewnbynnwch nhw o'r daflen bapur, heb edrych ar y naill fewnbynnu na'r llall.</translation>
    </message>
    <message>
        <source>Press Start keying (Alt+K) and give your name first: figures are keyed only under a name.</source>
        <translation>Pwyswch Mewnbynnu (Alt+M) a rhowch eich enw yn gyntaf: dim ond dan enw y caiff ffigurau eu mewnbynnu.</translation>
    </message>
    <message>
        <source>Keyed by {name}.</source>
        <translation>Mewnbynnwyd gan {name}.</translation>
    </message>
    <message>
        <source>Accept a keying</source>
        <translation>Derbyn mewnbynnu</translation>
    </message>
    <message>
        <source>Supervisor's &amp;name:</source>
        <translation>Enw'r &amp;goruchwyliwr:</translation>
    </message>
    <message>
        <source>&amp;Accept this keying</source>
        <translation>&amp;Derbyn y mewnbynnu hwn</translation>
    </message>
    <message>
        <source>Read the warning and check the figures. The explanation is kept in the record and printed on the provisional sheet.</source>
        <translation>Darllenwch y rhybudd a gwiriwch y ffigurau. Caiff yr esboniad ei gadw yn y cofnod a'i argraffu ar y daflen dros dro.</translation>
    </message>
    <message>
        <source>Choose the warning, check the figures, and say why they stand. The explanation is kept in the record and printed on the provisional sheet.</source>
        <translation>Dewiswch y rhybudd, gwiriwch y ffigurau, a dywedwch pam eu bod yn sefyll. Caiff yr esboniad ei gadw yn y cofnod a'i argraffu ar y daflen dros dro.</translation>
    </message>
    <message>
        <source>Acknowledge a warning</source>
        <translation>Cydnabod rhybudd</translation>
    </message>
    <message>
        <source>Acknowledged &amp;by:</source>
        <translation>Cydnabuwyd &amp;gan:</translation>
    </message>
    <message>
        <source>&amp;Acknowledge</source>
        <translation>&amp;Cydnabod</translation>
    </message>
    <message>
        <source>&amp;Why the figures stand:</source>
        <translation>&amp;Pam y mae'r ffigurau'n sefyll:</translation>
    </message>
    <message>
        <source>&amp;Warning:</source>
        <translation>&amp;Rhybudd:</translation>
    </message>
</context>
<context>
    <name>Publish</name>
    <message>
        <source>P&amp;ublish results…</source>
        <translation>C&amp;yhoeddi'r canlyniadau…</translation>
    </message>
    <message>
        <source>Publish the results site into the folder</source>
        <translation>Cyhoeddi gwefan y canlyniadau i'r ffolder</translation>
    </message>
    <message>
        <source>Publish results</source>
        <translation>Cyhoeddi'r canlyniadau</translation>
    </message>
    <message>
        <source>Publish the site into this folder again after every declaration?</source>
        <translation>Cyhoeddi'r wefan i'r ffolder hon eto ar ôl pob datganiad?</translation>
    </message>
    <message>
        <source>Sign the declarations</source>
        <translation>Llofnodi'r datganiadau</translation>
    </message>
    <message>
        <source>Passphrase for the signing key {name} (kept until countdesk closes, to publish after each declaration):</source>
        <translation>Cyfrinymadrodd yr allwedd lofnodi {name} (caiff ei gadw nes i countdesk gau, i gyhoeddi ar ôl pob datganiad):</translation>
    </message>
    <message>
        <source>Results published to {folder} ({n} of {total} wards declared{signed}).</source>
        <translation>Cyhoeddwyd y canlyniadau i {folder} ({n} o {total} ward wedi'u datgan{signed}).</translation>
    </message>
    <message>
        <source>, declarations signed</source>
        <translation>, datganiadau wedi'u llofnodi</translation>
    </message>
    <message>
        <source>Results not published</source>
        <translation>Ni chyhoeddwyd y canlyniadau</translation>
    </message>
</context>
<context>
    <name>QFileDialog</name>
    <message>
        <source>Look in:</source>
        <translation>Edrych yn:</translation>
    </message>
    <message>
        <source>File &amp;name:</source>
        <translation>&amp;Enw ffeil:</translation>
    </message>
    <message>
        <source>Files of type:</source>
        <translation>Ffeiliau o fath:</translation>
    </message>
    <message>
        <source>&amp;Open</source>
        <translation>&amp;Agor</translation>
    </message>
    <message>
        <source>&amp;Save</source>
        <translation>&amp;Cadw</translation>
    </message>
    <message>
        <source>&amp;Choose</source>
        <translation>&amp;Dewis</translation>
    </message>
    <message>
        <source>Directory:</source>
        <translation>Ffolder:</translation>
    </message>
</context>
<context>
    <name>QLineEdit</name>
    <message>
        <source>&amp;Undo</source>
        <translation>&amp;Dadwneud</translation>
    </message>
    <message>
        <source>&amp;Redo</source>
        <translation>&amp;Ailwneud</translation>
    </message>
    <message>
        <source>Cu&amp;t</source>
        <translation>&amp;Torri</translation>
    </message>
    <message>
        <source>&amp;Copy</source>
        <translation>&amp;Copïo</translation>
    </message>
    <message>
        <source>&amp;Paste</source>
        <translation>&amp;Gludo</translation>
    </message>
    <message>
        <source>Delete</source>
        <translation>Dileu</translation>
    </message>
    <message>
        <source>Select All</source>
        <translation>Dewis y cyfan</translation>
    </message>
</context>
<context>
    <name>QPlatformTheme</name>
    <message>
        <source>OK</source>
        <translation>Iawn</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>Diddymu</translation>
    </message>
    <message>
        <source>&amp;Yes</source>
        <translation>&amp;Ie</translation>
    </message>
    <message>
        <source>&amp;No</source>
        <translation>&amp;Na</translation>
    </message>
    <message>
        <source>Close</source>
        <translation>Cau</translation>
    </message>
    <message>
        <source>Save</source>
        <translation>Cadw</translation>
    </message>
    <message>
        <source>Open</source>
        <translation>Agor</translation>
    </message>
    <message>
        <source>Apply</source>
        <translation>Rhoi ar waith</translation>
    </message>
    <message>
        <source>Help</source>
        <translation>Cymorth</translation>
    </message>
</context>
<context>
    <name>RecountDialog</name>
    <message>
        <source>Recount request — {ward}</source>
        <translation>Cais am ailgyfrif — {ward}</translation>
    </message>
    <message>
        <source>Recount request</source>
        <translation>Cais am ailgyfrif</translation>
    </message>
    <message>
        <source>Who asked for the recount</source>
        <translation>Pwy a ofynnodd am yr ailgyfrif</translation>
    </message>
    <message>
        <source>&amp;Asked for by:</source>
        <translation>Gofynnwyd &amp;amdano gan:</translation>
    </message>
    <message>
        <source>F&amp;ull recount (every ballot paper)</source>
        <translation>Ailgyfrif &amp;llawn (pob papur pleidleisio)</translation>
    </message>
    <message>
        <source>Re-check of named &amp;bundles</source>
        <translation>Ailwirio &amp;bwndeli a enwyd</translation>
    </message>
    <message>
        <source>Type:</source>
        <translation>Math:</translation>
    </message>
    <message>
        <source>Bundles to re-check</source>
        <translation>Bwndeli i'w hailwirio</translation>
    </message>
    <message>
        <source>e.g. Box 3 bundle 2, Postal bundle 7 (comma between names)</source>
        <translation>e.e. Blwch 3 bwndel 2, Bwndel post 7 (coma rhwng enwau)</translation>
    </message>
    <message>
        <source>Bundle &amp;names:</source>
        <translation>&amp;Enwau'r bwndeli:</translation>
    </message>
    <message>
        <source>&amp;Granted: open a new round, keyed like the first</source>
        <translation>&amp;Caniatawyd: agor rownd newydd, i'w mewnbynnu fel y gyntaf</translation>
    </message>
    <message>
        <source>Re&amp;fused (the request is recorded)</source>
        <translation>&amp;Gwrthodwyd (cofnodir y cais)</translation>
    </message>
    <message>
        <source>Reason</source>
        <translation>Rheswm</translation>
    </message>
    <message>
        <source>Rea&amp;son:</source>
        <translation>&amp;Rheswm:</translation>
    </message>
    <message>
        <source>Decided by</source>
        <translation>Penderfynwyd gan</translation>
    </message>
    <message>
        <source>&amp;Decided by:</source>
        <translation>&amp;Penderfynwyd gan:</translation>
    </message>
    <message>
        <source>&amp;Record</source>
        <translation>C&amp;ofnodi</translation>
    </message>
    <message>
        <source>✖ Say who asked for the recount.</source>
        <translation>✖ Nodwch pwy a ofynnodd am yr ailgyfrif.</translation>
    </message>
    <message>
        <source>✖ Name each bundle to re-check, or choose a full recount.</source>
        <translation>✖ Enwch bob bwndel i'w ailwirio, neu dewiswch ailgyfrif llawn.</translation>
    </message>
    <message>
        <source>✖ Give the reason for granting the recount.</source>
        <translation>✖ Rhowch y rheswm dros ganiatáu'r ailgyfrif.</translation>
    </message>
    <message>
        <source>✖ Give the reason for refusing the recount.</source>
        <translation>✖ Rhowch y rheswm dros wrthod yr ailgyfrif.</translation>
    </message>
</context>
<context>
    <name>Reliability</name>
    <message>
        <source>Backu&amp;ps</source>
        <extracomment>minutes between automatic backups while figures are changing</extracomment>
        <translation>Co&amp;pïau wrth gefn</translation>
    </message>
    <message>
        <source>Choose the &amp;backup folder…</source>
        <translation>Dewis y ffolder &amp;copïau wrth gefn…</translation>
    </message>
    <message>
        <source>Back up &amp;now</source>
        <translation>Gwneud copi wrth gefn &amp;nawr</translation>
    </message>
    <message>
        <source>Returning officer's &amp;passphrase…</source>
        <translation>Cyfrinymadrodd y &amp;swyddog canlyniadau…</translation>
    </message>
    <message>
        <source>Folder for backups (a USB stick, say)</source>
        <translation>Ffolder ar gyfer copïau wrth gefn (cof bach USB, er enghraifft)</translation>
    </message>
    <message>
        <source>Backups</source>
        <translation>Copïau wrth gefn</translation>
    </message>
    <message>
        <source>{folder} is not a folder.</source>
        <translation>Nid yw {folder} yn ffolder.</translation>
    </message>
    <message>
        <source>Choose the backup folder first (Backups → Choose the backup folder).</source>
        <translation>Dewiswch y ffolder copïau wrth gefn yn gyntaf (Copïau wrth gefn → Dewis y ffolder copïau wrth gefn).</translation>
    </message>
    <message>
        <source>Backed up to {path}</source>
        <translation>Copi wrth gefn wedi'i wneud yn {path}</translation>
    </message>
    <message>
        <source>BACKUP FAILED: {message}</source>
        <translation>METHODD Y COPI WRTH GEFN: {message}</translation>
    </message>
    <message>
        <source>Backup failed</source>
        <translation>Methodd y copi wrth gefn</translation>
    </message>
    <message>
        <source>Backing up…</source>
        <translation>Yn gwneud copi wrth gefn…</translation>
    </message>
    <message>
        <source>Cannot open the store</source>
        <translation>Ni ellir agor y storfa</translation>
    </message>
    <message>
        <source>Store in use</source>
        <translation>Mae'r storfa'n cael ei defnyddio</translation>
    </message>
    <message>
        <source>{sentence}

Open it read-only, to look at it without changing it?</source>
        <translation>{sentence}

Ei hagor i'w darllen yn unig, i edrych arni heb ei newid?</translation>
    </message>
    <message>
        <source>Read-only: {reason}</source>
        <translation>Darllen yn unig: {reason}</translation>
    </message>
    <message>
        <source>Signing key</source>
        <translation>Allwedd lofnodi</translation>
    </message>
    <message>
        <source>{path} cannot be read: {error}</source>
        <translation>Ni ellir darllen {path}: {error}</translation>
    </message>
    <message>
        <source>Signing key not chosen</source>
        <translation>Ni ddewiswyd allwedd lofnodi</translation>
    </message>
    <message>
        <source>choosing the returning officer's signing key</source>
        <translation>dewis allwedd lofnodi'r swyddog canlyniadau</translation>
    </message>
    <message>
        <source>The passphrase of the signing key {name} (to check that it opens; it is not stored):</source>
        <translation>Cyfrinymadrodd yr allwedd lofnodi {name} (i wirio ei bod yn agor; ni chaiff ei gadw):</translation>
    </message>
    <message>
        <source>Change the passphrase</source>
        <translation>Newid y cyfrinymadrodd</translation>
    </message>
    <message>
        <source>The current passphrase:</source>
        <translation>Y cyfrinymadrodd presennol:</translation>
    </message>
    <message>
        <source>Returning officer's passphrase</source>
        <translation>Cyfrinymadrodd y swyddog canlyniadau</translation>
    </message>
    <message>
        <source>The new passphrase (at least 8 characters):</source>
        <translation>Y cyfrinymadrodd newydd (o leiaf 8 nod):</translation>
    </message>
    <message>
        <source>The new passphrase again:</source>
        <translation>Y cyfrinymadrodd newydd eto:</translation>
    </message>
    <message>
        <source>Passphrase not set</source>
        <translation>Ni osodwyd y cyfrinymadrodd</translation>
    </message>
    <message>
        <source>The two passphrases differ; nothing was changed.</source>
        <translation>Mae'r ddau gyfrinymadrodd yn wahanol; ni newidiwyd dim.</translation>
    </message>
    <message>
        <source>Set. Declaring, recording lots, countermanding a poll, reporting an error after a declaration, unlocking candidate lists, accepting one keying over another and turning double entry off now ask for it.</source>
        <translation>Wedi'i osod. Bydd datgan, cofnodi coelbren, atal pleidlais, adrodd gwall ar ôl datganiad, datgloi rhestrau ymgeiswyr, derbyn un mewnbynnu yn lle un arall a diffodd mewnbynnu dwbl yn gofyn amdano o hyn ymlaen.</translation>
    </message>
</context>
<context>
    <name>ReportErrorDialog</name>
    <message>
        <source>Report an error — {ward}</source>
        <translation>Adrodd gwall — {ward}</translation>
    </message>
    <message>
        <source>Report an error found after the declaration</source>
        <translation>Adrodd gwall a ganfuwyd ar ôl y datganiad</translation>
    </message>
    <message>
        <source>&lt;b&gt;{ward} is declared: its result is final&lt;/b&gt; and stays as declared (only an election court can change it). Record what was found to be wrong and the figures believed right; they are reported, never applied.</source>
        <translation>&lt;b&gt;Mae {ward} wedi'i datgan: mae ei chanlyniad yn derfynol&lt;/b&gt; ac yn aros fel y'i datganwyd (dim ond llys etholiad all ei newid). Cofnodwch beth y canfuwyd ei fod yn anghywir a'r ffigurau y credir eu bod yn gywir; cânt eu hadrodd, ond byth eu cymhwyso.</translation>
    </message>
    <message>
        <source>What was found to be wrong</source>
        <translation>Beth y canfuwyd ei fod yn anghywir</translation>
    </message>
    <message>
        <source>&amp;What is wrong:</source>
        <translation>&amp;Beth sy'n anghywir:</translation>
    </message>
    <message>
        <source>declared {n}</source>
        <translation>datganwyd {n}</translation>
    </message>
    <message>
        <source>Votes believed right for {name}</source>
        <translation>Pleidleisiau y credir eu bod yn gywir i {name}</translation>
    </message>
    <message>
        <source>Ballot papers counted, believed right</source>
        <translation>Papurau pleidleisio a gyfrifwyd, y credir eu bod yn gywir</translation>
    </message>
    <message>
        <source>Ballot &amp;papers counted:</source>
        <translation>&amp;Papurau pleidleisio a gyfrifwyd:</translation>
    </message>
    <message>
        <source>&amp;Record the error</source>
        <translation>&amp;Cofnodi'r gwall</translation>
    </message>
    <message>
        <source>✖ Say what was found to be wrong.</source>
        <translation>✖ Nodwch beth y canfuwyd ei fod yn anghywir.</translation>
    </message>
    <message>
        <source>✖ Give at least one figure believed right.</source>
        <translation>✖ Rhowch o leiaf un ffigur y credir ei fod yn gywir.</translation>
    </message>
</context>
<context>
    <name>ResultCodeDialog</name>
    <message>
        <source>Result of {ward} as a QR code</source>
        <translation>Canlyniad {ward} fel cod QR</translation>
    </message>
    <message>
        <source>{ward}: the declared result</source>
        <translation>{ward}: y canlyniad a ddatganwyd</translation>
    </message>
    <message>
        <source>QR code of the declared result of {ward}</source>
        <translation>Cod QR canlyniad datganedig {ward}</translation>
    </message>
    <message>
        <source>Result digest {digest} · Esc to close</source>
        <translation>Crynhoad y canlyniad {digest} · Esc i gau</translation>
    </message>
    <message>
        <source>No result to show</source>
        <translation>Dim canlyniad i'w ddangos</translation>
    </message>
</context>
<context>
    <name>ResultPanel</name>
    <message>
        <source>{time} on {day} {month}</source>
        <translation>{time} ar {day} {month}</translation>
    </message>
    <message>
        <source>Equality of votes</source>
        <extracomment>a ward was declared here (the window shows its declaration and backs up) an error was reported for a ward (the window shows the statement)</extracomment>
        <translation>Cyfartaledd pleidleisiau</translation>
    </message>
    <message>
        <source>Ward status</source>
        <translation>Statws y ward</translation>
    </message>
    <message>
        <source>Count round</source>
        <translation>Rownd y cyfrif</translation>
    </message>
    <message>
        <source>R&amp;ound:</source>
        <translation>R&amp;ownd:</translation>
    </message>
    <message>
        <source>Provisional result, candidates by votes</source>
        <translation>Canlyniad dros dro, ymgeiswyr yn ôl pleidleisiau</translation>
    </message>
    <message>
        <source>Margin, rejected papers and turnout</source>
        <translation>Mwyafrif, papurau a wrthodwyd a'r ganran a bleidleisiodd</translation>
    </message>
    <message>
        <source>Errors and warnings</source>
        <translation>Gwallau a rhybuddion</translation>
    </message>
    <message>
        <source>S&amp;how provisional result…</source>
        <translation>Dangos y ca&amp;nlyniad dros dro…</translation>
    </message>
    <message>
        <source>Record drawing of &amp;lots…</source>
        <translation>Cofnodi tynnu coe&amp;lbren…</translation>
    </message>
    <message>
        <source>Recount re&amp;quest…</source>
        <translation>Cais a&amp;m ailgyfrif…</translation>
    </message>
    <message>
        <source>Ackno&amp;wledge warning…</source>
        <translation>Cydn&amp;abod rhybudd…</translation>
    </message>
    <message>
        <source>De&amp;clare result…</source>
        <translation>Da&amp;tgan y canlyniad…</translation>
    </message>
    <message>
        <source>Co&amp;untermand poll…</source>
        <translation>Atal &amp;y bleidlais…</translation>
    </message>
    <message>
        <source>Report a&amp;n error…</source>
        <translation>R&amp;hoi gwybod am wall…</translation>
    </message>
    <message>
        <source>Round 1 (first count)</source>
        <translation>Rownd 1 (cyfrif cyntaf)</translation>
    </message>
    <message>
        <source>Round {n} (recount {recount})</source>
        <translation>Rownd {n} (ailgyfrif {recount})</translation>
    </message>
    <message>
        <source>{status}, but {codes} must be acknowledged before declaring</source>
        <translation>{status}, ond rhaid cydnabod {codes} cyn datgan</translation>
    </message>
    <message>
        <source>&lt;b&gt;Status: {status}.&lt;/b&gt;</source>
        <translation>&lt;b&gt;Statws: {status}.&lt;/b&gt;</translation>
    </message>
    <message>
        <source> by {name}</source>
        <translation> gan {name}</translation>
    </message>
    <message>
        <source>The poll was countermanded at {when}{by}: {reason}. There is no count and no declaration.</source>
        <translation>Ataliwyd y bleidlais am {when}{by}: {reason}. Nid oes cyfrif na datganiad.</translation>
    </message>
    <message>
        <source>★ Declared at {when}{by}: the result is final.</source>
        <translation>★ Datganwyd am {when}{by}: mae'r canlyniad yn derfynol.</translation>
    </message>
    <message>
        <source>1 error reported since (recorded, never applied).</source>
        <translation>1 gwall wedi'i adrodd ers hynny (wedi'i gofnodi, byth wedi'i gymhwyso).</translation>
    </message>
    <message>
        <source>{n} errors reported since (recorded, never applied).</source>
        <translation>{n} gwall wedi'u hadrodd ers hynny (wedi'u cofnodi, byth wedi'u cymhwyso).</translation>
    </message>
    <message>
        <source>✔ Provisional result of round {n} shown to candidates and agents at {when}{by}.</source>
        <translation>✔ Dangoswyd canlyniad dros dro rownd {n} i'r ymgeiswyr a'r asiantiaid am {when}{by}.</translation>
    </message>
    <message>
        <source>○ Provisional result not yet shown to candidates and agents for these figures.</source>
        <translation>○ Nid yw'r canlyniad dros dro wedi'i ddangos i'r ymgeiswyr a'r asiantiaid eto ar gyfer y ffigurau hyn.</translation>
    </message>
    <message>
        <source> and </source>
        <translation> a </translation>
    </message>
    <message>
        <source>⚠ EQUALITY OF VOTES — {names} each have {votes} votes for {seats}. The returning officer must decide by lot ({rule}): show the provisional result, then press “Record drawing of lots”.</source>
        <translation>⚠ CYFARTALEDD PLEIDLEISIAU — mae gan {names} {votes} o bleidleisiau yr un am {seats}. Rhaid i'r swyddog canlyniadau benderfynu drwy goelbren ({rule}): dangoswch y canlyniad dros dro, yna pwyswch “Cofnodi tynnu coelbren”.</translation>
    </message>
    <message>
        <source>Margin for the last seat: 1 vote.</source>
        <translation>Mwyafrif ar gyfer y sedd olaf: 1 bleidlais.</translation>
    </message>
    <message>
        <source>Margin for the last seat: {n} votes.</source>
        <translation>Mwyafrif ar gyfer y sedd olaf: {n} o bleidleisiau.</translation>
    </message>
    <message>
        <source>Seats left unfilled: {n}.</source>
        <translation>Seddi heb eu llenwi: {n}.</translation>
    </message>
    <message>
        <source> (computed: valid papers + rejected)</source>
        <translation> (wedi'i gyfrifo: papurau dilys + rhai a wrthodwyd)</translation>
    </message>
    <message>
        <source>Ballot papers counted: {n}{computed}.</source>
        <translation>Papurau pleidleisio a gyfrifwyd: {n}{computed}.</translation>
    </message>
    <message>
        <source>Rejected: {n}.</source>
        <translation>Wedi'u gwrthod: {n}.</translation>
    </message>
    <message>
        <source>Turnout: {pct}%.</source>
        <translation>Y ganran a bleidleisiodd: {pct}%.</translation>
    </message>
    <message>
        <source>✔ acknowledged</source>
        <translation>✔ wedi'i gydnabod</translation>
    </message>
    <message>
        <source>⚠ needs acknowledging</source>
        <translation>⚠ angen ei gydnabod</translation>
    </message>
    <message>
        <source>Ackno&amp;wledge {code}</source>
        <translation>Cydn&amp;abod {code}</translation>
    </message>
    <message>
        <source>Provisional result shown</source>
        <translation>Canlyniad dros dro wedi'i ddangos</translation>
    </message>
    <message>
        <source>Record that the provisional result of {ward} was shown to the candidates and agents{by}, now? They may ask for a recount before anything is declared.</source>
        <translation>Cofnodi bod canlyniad dros dro {ward} wedi'i ddangos i'r ymgeiswyr a'r asiantiaid{by}, nawr? Gallant ofyn am ailgyfrif cyn i ddim gael ei ddatgan.</translation>
    </message>
    <message>
        <source>Provisional result not recorded</source>
        <translation>Ni chofnodwyd y canlyniad dros dro</translation>
    </message>
    <message>
        <source>Not acknowledged</source>
        <translation>Heb ei gydnabod</translation>
    </message>
    <message>
        <source>Lot not recorded</source>
        <translation>Ni chofnodwyd y coelbren</translation>
    </message>
    <message>
        <source>recording the drawing of lots in {ward}</source>
        <translation>cofnodi tynnu coelbren yn {ward}</translation>
    </message>
    <message>
        <source>Recount not recorded</source>
        <translation>Ni chofnodwyd yr ailgyfrif</translation>
    </message>
    <message>
        <source>declaring the result of {ward}</source>
        <translation>datgan canlyniad {ward}</translation>
    </message>
    <message>
        <source>Not declared</source>
        <translation>Heb ei ddatgan</translation>
    </message>
    <message>
        <source>Countermand the poll — {ward}</source>
        <translation>Atal y bleidlais — {ward}</translation>
    </message>
    <message>
        <source>Why is the poll countermanded (e.g. the death of a candidate)?</source>
        <translation>Pam y mae'r bleidlais yn cael ei hatal (e.e. marwolaeth ymgeisydd)?</translation>
    </message>
    <message>
        <source>Countermand the poll</source>
        <translation>Atal y bleidlais</translation>
    </message>
    <message>
        <source>Countermand the poll in {ward}? There will be no count and no declaration; a new poll will be held.</source>
        <translation>Atal y bleidlais yn {ward}? Ni fydd cyfrif na datganiad; cynhelir pleidlais newydd.</translation>
    </message>
    <message>
        <source>Poll not countermanded</source>
        <translation>Ni ataliwyd y bleidlais</translation>
    </message>
    <message>
        <source>countermanding the poll in {ward}</source>
        <translation>atal y bleidlais yn {ward}</translation>
    </message>
    <message>
        <source>Error not reported</source>
        <translation>Ni adroddwyd y gwall</translation>
    </message>
    <message>
        <source>reporting an error in {ward}</source>
        <translation>adrodd gwall yn {ward}</translation>
    </message>
</context>
<context>
    <name>ResultsBoard</name>
    <message>
        <source>no change</source>
        <translation>dim newid</translation>
    </message>
    <message>
        <source>Results board — countdesk</source>
        <translation>Bwrdd y canlyniadau — countdesk</translation>
    </message>
    <message>
        <source>Results board</source>
        <translation>Bwrdd y canlyniadau</translation>
    </message>
    <message>
        <source>No election is open.</source>
        <extracomment>the audit record of the latest declaration: shown, so that anyone in the hall can note it and later check the store still holds it (audit-verify --anchor)</extracomment>
        <translation>Nid oes etholiad ar agor.</translation>
    </message>
    <message>
        <source>{n} of {total} wards declared</source>
        <translation>{n} o {total} ward wedi'u datgan</translation>
    </message>
    <message>
        <source>Control not yet decided</source>
        <translation>Rheolaeth heb ei phenderfynu eto</translation>
    </message>
    <message>
        <source>Latest declaration: {ward}</source>
        <translation>Y datganiad diweddaraf: {ward}</translation>
    </message>
    <message>
        <source>Audit record {anchor}</source>
        <translation>Cofnod archwilio {anchor}</translation>
    </message>
    <message>
        <source>No election is open</source>
        <translation>Nid oes etholiad ar agor</translation>
    </message>
    <message>
        <source>{n} of {total}</source>
        <translation>{n} o {total}</translation>
    </message>
    <message>
        <source>wards declared</source>
        <translation>ward wedi'u datgan</translation>
    </message>
    <message>
        <source>Majority {n} of {total} seats</source>
        <translation>Mwyafrif {n} o {total} sedd</translation>
    </message>
    <message>
        <source> · decided with the declaration of {ward}</source>
        <translation> · penderfynwyd gyda datganiad {ward}</translation>
    </message>
    <message>
        <source> · all wards declared</source>
        <translation> · pob ward wedi'i datgan</translation>
    </message>
    <message>
        <source>{n} seats needed for a majority</source>
        <translation>Angen {n} sedd am fwyafrif</translation>
    </message>
    <message>
        <source>Control not yet decided · {n} seats still to declare</source>
        <translation>Rheolaeth heb ei phenderfynu eto · {n} sedd eto i'w datgan</translation>
    </message>
    <message>
        <source> · {party}: {n} more needed</source>
        <translation> · {party}: angen {n} arall</translation>
    </message>
    <message>
        <source>Majority {n}</source>
        <translation>Mwyafrif {n}</translation>
    </message>
    <message>
        <source>No ward has been declared yet</source>
        <translation>Nid oes unrhyw ward wedi'i datgan eto</translation>
    </message>
    <message>
        <source>Latest declaration</source>
        <translation>Y datganiad diweddaraf</translation>
    </message>
    <message>
        <source> (this screen)</source>
        <translation> (y sgrin hon)</translation>
    </message>
    <message>
        <source>Screen {i}: {name} — {width}×{height}{primary}</source>
        <translation>Sgrin {i}: {name} — {width}×{height}{primary}</translation>
    </message>
    <message>
        <source>Open results board</source>
        <translation>Agor bwrdd y canlyniadau</translation>
    </message>
    <message>
        <source>Show the results board full screen on:</source>
        <translation>Dangos bwrdd y canlyniadau ar sgrin lawn ar:</translation>
    </message>
</context>
<context>
    <name>SetupPanel</name>
    <message>
        <source>Not saved</source>
        <translation>Heb ei gadw</translation>
    </message>
    <message>
        <source>Election</source>
        <translation>Etholiad</translation>
    </message>
    <message>
        <source>YYYY-MM-DD</source>
        <translation>BBBB-MM-DD</translation>
    </message>
    <message>
        <source>Double entry: each count sheet is keyed twice</source>
        <translation>Mewnbynnu dwbl: caiff pob taflen gyfrif ei mewnbynnu ddwywaith</translation>
    </message>
    <message>
        <source>A&amp;uthority:</source>
        <translation>&amp;Awdurdod:</translation>
    </message>
    <message>
        <source>Tit&amp;le:</source>
        <translation>&amp;Teitl:</translation>
    </message>
    <message>
        <source>Poll date:</source>
        <translation>Dyddiad y bleidlais:</translation>
    </message>
    <message>
        <source>Returnin&amp;g officer:</source>
        <translation>Swydd&amp;og canlyniadau:</translation>
    </message>
    <message>
        <source>Double entry</source>
        <translation>Mewnbynnu dwbl</translation>
    </message>
    <message>
        <source>England (SI 2006/3304)</source>
        <translation>Lloegr (OS 2006/3304)</translation>
    </message>
    <message>
        <source>Wales (Wales Rules 2021, SI 2021/1459)</source>
        <translation>Cymru (Rheolau Cymru 2021, OS 2021/1459)</translation>
    </message>
    <message>
        <source>English</source>
        <translation>Saesneg</translation>
    </message>
    <message>
        <source>Rules:</source>
        <translation>Rheolau:</translation>
    </message>
    <message>
        <source>Documents in:</source>
        <translation>Dogfennau yn:</translation>
    </message>
    <message>
        <source>&amp;Save election details</source>
        <translation>Cadw manylion yr etho&amp;liad</translation>
    </message>
    <message>
        <source>Ward</source>
        <translation>Ward</translation>
    </message>
    <message>
        <source>only where it differs, e.g. Abermaw</source>
        <translation>dim ond lle mae'n wahanol, e.e. Abermaw</translation>
    </message>
    <message>
        <source>&amp;Name:</source>
        <translation>&amp;Enw:</translation>
    </message>
    <message>
        <source>Se&amp;ats:</source>
        <translation>&amp;Nifer y seddi:</translation>
    </message>
    <message>
        <source>Electorate:</source>
        <translation>Etholwyr:</translation>
    </message>
    <message>
        <source>Welsh name:</source>
        <translation>Enw Cymraeg:</translation>
    </message>
    <message>
        <source>Save &amp;ward</source>
        <translation>Cadw'r &amp;ward</translation>
    </message>
    <message>
        <source>Add a new ward…</source>
        <translation>Ychwanegu ward newydd…</translation>
    </message>
    <message>
        <source>I&amp;mport nominations (CSV)…</source>
        <translation>&amp;Mewnforio enwebiadau (CSV)…</translation>
    </message>
    <message>
        <source>Candidates (as on the statement of persons nominated)</source>
        <translation>Ymgeiswyr (fel yn y datganiad ynghylch y personau a enwebwyd)</translation>
    </message>
    <message>
        <source>Candidate list lock</source>
        <translation>Clo rhestr yr ymgeiswyr</translation>
    </message>
    <message>
        <source>Set-up notices</source>
        <translation>Hysbysiadau sefydlu</translation>
    </message>
    <message>
        <source>Surname</source>
        <translation>Cyfenw</translation>
    </message>
    <message>
        <source>Other names</source>
        <translation>Enwau eraill</translation>
    </message>
    <message>
        <source>Description</source>
        <translation>Disgrifiad</translation>
    </message>
    <message>
        <source>Add &amp;candidate</source>
        <translation>&amp;Ychwanegu</translation>
    </message>
    <message>
        <source>Rem&amp;ove selected</source>
        <translation>Tynn&amp;u ymgeisydd</translation>
    </message>
    <message>
        <source>Unloc&amp;k candidate list…</source>
        <translation>Datgloi'r r&amp;hestr…</translation>
    </message>
    <message>
        <source>Address…</source>
        <translation>Cyfeiriad…</translation>
    </message>
    <message>
        <source>Notice: {notice}</source>
        <translation>Hysbysiad: {notice}</translation>
    </message>
    <message>
        <source>✎ The candidate list can be edited: click a cell or type over it.</source>
        <translation>✎ Gellir golygu rhestr yr ymgeiswyr: cliciwch ar gell neu teipiwch drosti.</translation>
    </message>
    <message>
        <source>Locked: {reason}</source>
        <translation>Wedi'i chloi: {reason}</translation>
    </message>
    <message>
        <source>Election details not saved</source>
        <translation>Ni chadwyd manylion yr etholiad</translation>
    </message>
    <message>
        <source>turning double entry off</source>
        <translation>diffodd mewnbynnu dwbl</translation>
    </message>
    <message>
        <source>Rules and languages not saved</source>
        <translation>Ni chadwyd y rheolau a'r ieithoedd</translation>
    </message>
    <message>
        <source>Ward not saved</source>
        <translation>Ni chadwyd y ward</translation>
    </message>
    <message>
        <source>Welsh name not saved</source>
        <translation>Ni chadwyd yr enw Cymraeg</translation>
    </message>
    <message>
        <source>Add a ward</source>
        <translation>Ychwanegu ward</translation>
    </message>
    <message>
        <source>Ward name (as in the notice of election):</source>
        <translation>Enw'r ward (fel yn yr hysbysiad etholiad):</translation>
    </message>
    <message>
        <source>Seats in {ward}:</source>
        <translation>Seddi yn {ward}:</translation>
    </message>
    <message>
        <source>Ward not added</source>
        <translation>Ni ychwanegwyd y ward</translation>
    </message>
    <message>
        <source>Statement of persons nominated (CSV)</source>
        <translation>Datganiad ynghylch y personau a enwebwyd (CSV)</translation>
    </message>
    <message>
        <source>CSV files (*.csv *.txt);;All files (*)</source>
        <translation>Ffeiliau CSV (*.csv *.txt);;Pob ffeil (*)</translation>
    </message>
    <message>
        <source>Cannot read the file</source>
        <translation>Ni ellir darllen y ffeil</translation>
    </message>
    <message>
        <source>line {n}: {problem}</source>
        <translation>llinell {n}: {problem}</translation>
    </message>
    <message>
        <source>Nothing imported</source>
        <translation>Ni fewnforiwyd dim</translation>
    </message>
    <message>
        <source>The file has problems; nothing was imported.</source>
        <translation>Mae problemau yn y ffeil; ni fewnforiwyd dim.</translation>
    </message>
    <message>
        <source>Nominations imported</source>
        <translation>Enwebiadau wedi'u mewnforio</translation>
    </message>
    <message>
        <source>{n} candidates imported</source>
        <translation>Mewnforiwyd {n} ymgeisydd</translation>
    </message>
    <message>
        <source>; new wards: {wards}</source>
        <translation>; wardiau newydd: {wards}</translation>
    </message>
    <message>
        <source>Reading and checking {file} ({size} MB)…</source>
        <translation>Yn darllen ac yn gwirio {file} ({size} MB)…</translation>
    </message>
    <message>
        <source>Importing the statement of persons nominated</source>
        <translation>Mewnforio'r datganiad ynghylch y personau a enwebwyd</translation>
    </message>
    <message>
        <source>Candidate not added</source>
        <translation>Ni ychwanegwyd yr ymgeisydd</translation>
    </message>
    <message>
        <source>Candidate's address</source>
        <translation>Cyfeiriad yr ymgeisydd</translation>
    </message>
    <message>
        <source>Address of {name}, on one line:</source>
        <translation>Cyfeiriad {name}, ar un llinell:</translation>
    </message>
    <message>
        <source>Address not saved</source>
        <translation>Ni chadwyd y cyfeiriad</translation>
    </message>
    <message>
        <source>Remove candidate</source>
        <translation>Tynnu ymgeisydd</translation>
    </message>
    <message>
        <source>Remove {name} from this ward?</source>
        <translation>Tynnu {name} o'r ward hon?</translation>
    </message>
    <message>
        <source>Candidate not removed</source>
        <translation>Ni thynnwyd yr ymgeisydd</translation>
    </message>
    <message>
        <source>Unlock the candidate list</source>
        <translation>Datgloi rhestr yr ymgeiswyr</translation>
    </message>
    <message>
        <source>Reason (recorded in the audit log), e.g. 'misspelt surname':</source>
        <translation>Rheswm (caiff ei gofnodi yn y log archwilio), e.e. 'cyfenw wedi'i gamsillafu':</translation>
    </message>
    <message>
        <source>Not unlocked</source>
        <translation>Heb ei datgloi</translation>
    </message>
    <message>
        <source>unlocking the candidate list of {ward}</source>
        <translation>datgloi rhestr ymgeiswyr {ward}</translation>
    </message>
</context>
<context>
    <name>Start</name>
    <message>
        <source>No store has been opened on this computer yet (the demo copy is reopened from the start screen).</source>
        <translation>Nid oes storfa wedi'i hagor ar y cyfrifiadur hwn eto (caiff y copi enghreifftiol ei ailagor o'r sgrin gychwyn).</translation>
    </message>
    <message>
        <source> Your own store is {0} (File → Reopen the last store).</source>
        <translation> Eich storfa chi yw {0} (Ffeil → Ailagor y storfa ddiwethaf).</translation>
    </message>
    <message>
        <source>Demo: a fresh copy of the Sutton 2018 election, at {0}; the next --demo replaces it.{1}</source>
        <translation>Enghraifft: copi newydd o etholiad Sutton 2018, yn {0}; bydd y --demo nesaf yn cymryd ei le.{1}</translation>
    </message>
    <message>
        <source>A figure is typed but not entered</source>
        <translation>Mae ffigur wedi'i deipio ond heb ei gofnodi</translation>
    </message>
    <message>
        <source>“{0}” is typed for {1} but not entered. Save it before closing?</source>
        <translation>Mae “{0}” wedi'i deipio ar gyfer {1} ond heb ei gofnodi. Ei gadw cyn cau?</translation>
    </message>
</context>
<context>
    <name>StartScreen</name>
    <message>
        <source>&lt;h1&gt;countdesk&lt;/h1&gt;&lt;p&gt;The count desk for UK local elections. Everything stays on this computer.&lt;/p&gt;</source>
        <translation>&lt;h1&gt;countdesk&lt;/h1&gt;&lt;p&gt;Desg y cyfrif ar gyfer etholiadau lleol y DU. Mae popeth yn aros ar y cyfrifiadur hwn.&lt;/p&gt;</translation>
    </message>
    <message>
        <source>&amp;Reopen the last store: {0}</source>
        <translation>&amp;Ailagor y storfa ddiwethaf: {0}</translation>
    </message>
    <message>
        <source>Reopen the demo &amp;copy you worked on</source>
        <translation>Ailagor y &amp;copi enghreifftiol y buoch yn gweithio arno</translation>
    </message>
    <message>
        <source>&amp;New election from an election file…</source>
        <translation>Etholiad &amp;newydd o ffeil etholiad…</translation>
    </message>
    <message>
        <source>&amp;Open a store…</source>
        <translation>Ag&amp;or storfa…</translation>
    </message>
    <message>
        <source>Open a fresh de&amp;mo election (Sutton 2018)</source>
        <translation>Agor etholiad &amp;enghreifftiol newydd (Sutton 2018)</translation>
    </message>
    <message>
        <source>Open a fresh &amp;Welsh demo election (Eryri 2022, Cymraeg / English)</source>
        <translation>Agor etho&amp;liad enghreifftiol Cymreig newydd (Eryri 2022, Cymraeg / English)</translation>
    </message>
    <message>
        <source>Path of the store</source>
        <translation>Llwybr y storfa</translation>
    </message>
    <message>
        <source>countdesk keeps its settings and the demo copy in {0}</source>
        <translation>Mae countdesk yn cadw ei osodiadau a'r copi enghreifftiol yn {0}</translation>
    </message>
</context>
<context>
    <name>Table</name>
    <message>
        <source>Rejected: {head}</source>
        <translation>Gwrthodwyd: {head}</translation>
    </message>
    <message>
        <source>Ward</source>
        <extracomment>each stage's colour, by its name in the theme (:mod:`countdesk.gui.theme`)</extracomment>
        <translation>Ward</translation>
    </message>
    <message>
        <source>Seats</source>
        <translation>Seddi</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>Statws</translation>
    </message>
    <message>
        <source>Papers</source>
        <translation>Papurau</translation>
    </message>
    <message>
        <source>Turnout</source>
        <translation>Canran</translation>
    </message>
    <message>
        <source>Position</source>
        <translation>Safle</translation>
    </message>
    <message>
        <source>Candidate</source>
        <translation>Ymgeisydd</translation>
    </message>
    <message>
        <source>Party</source>
        <translation>Plaid</translation>
    </message>
    <message>
        <source>Votes</source>
        <translation>Pleidleisiau</translation>
    </message>
    <message>
        <source>Declared</source>
        <translation>Datganwyd</translation>
    </message>
    <message>
        <source>Result</source>
        <translation>Canlyniad</translation>
    </message>
    <message>
        <source>{votes} (lot +1)</source>
        <translation>{votes} (+1)</translation>
    </message>
    <message>
        <source>⚠ Tied</source>
        <translation>⚠ Cyfartal</translation>
    </message>
    <message>
        <source>✔ Elected</source>
        <translation>✔ Etholwyd</translation>
    </message>
    <message>
        <source>Rejected: of (a)-(d), rejection objected to</source>
        <extracomment>The row of a sheet's rejections objected to, beside the rejected heads.</extracomment>
        <translation>Gwrthodwyd: o (a)-(d), gwrthwynebwyd y gwrthod</translation>
    </message>
    <message>
        <source>Candidate or item</source>
        <translation>Ymgeisydd neu eitem</translation>
    </message>
    <message>
        <source>Figure</source>
        <translation>Ffigur</translation>
    </message>
    <message>
        <source>(required: {seats} seats)</source>
        <translation>(gofynnol: {seats} sedd)</translation>
    </message>
    <message>
        <source>(optional: one seat, worked out from the votes)</source>
        <translation>(dewisol: un sedd, wedi'i gyfrifo o'r pleidleisiau)</translation>
    </message>
    <message>
        <source>Ballot papers counted on this sheet {need}</source>
        <translation>Papurau pleidleisio a gyfrifwyd ar y daflen hon {need}</translation>
    </message>
    <message>
        <source>First keying</source>
        <translation>Mewnbynnu cyntaf</translation>
    </message>
    <message>
        <source>Second keying</source>
        <translation>Ail fewnbynnu</translation>
    </message>
    <message>
        <source>Ballot papers counted on this sheet</source>
        <translation>Papurau pleidleisio a gyfrifwyd ar y daflen hon</translation>
    </message>
    <message>
        <source>✖ differs</source>
        <translation>✖ yn wahanol</translation>
    </message>
    <message>
        <source>Surname</source>
        <translation>Cyfenw</translation>
    </message>
    <message>
        <source>Other names</source>
        <translation>Enwau eraill</translation>
    </message>
    <message>
        <source>Description</source>
        <translation>Disgrifiad</translation>
    </message>
    <message>
        <source>Colour</source>
        <translation>Lliw</translation>
    </message>
    <message>
        <source>Party id</source>
        <translation>Rhif y blaid</translation>
    </message>
    <message>
        <source>Commonly used other names</source>
        <translation>Enwau eraill a ddefnyddir yn gyffredin</translation>
    </message>
    <message>
        <source>Commonly used surname</source>
        <translation>Cyfenw a ddefnyddir yn gyffredin</translation>
    </message>
    <message>
        <source>Ballot position</source>
        <translation>Safle ar y papur pleidleisio</translation>
    </message>
    <message>
        <source>Ballot box or station</source>
        <translation>Blwch pleidleisio neu orsaf</translation>
    </message>
    <message>
        <source>Kind</source>
        <translation>Math</translation>
    </message>
    <message>
        <source>Issued</source>
        <translation>Dyroddwyd</translation>
    </message>
    <message>
        <source>Counted</source>
        <translation>Cyfrifwyd</translation>
    </message>
    <message>
        <source>Variance</source>
        <translation>Amrywiant</translation>
    </message>
    <message>
        <source>Unused</source>
        <translation>Heb eu defnyddio</translation>
    </message>
    <message>
        <source>Spoilt</source>
        <translation>Difethwyd</translation>
    </message>
    <message>
        <source>Tendered</source>
        <translation>A gyflwynwyd</translation>
    </message>
</context>
<context>
    <name>VerificationPanel</name>
    <message>
        <source>For each ballot box, key the papers issued (from the presiding officer's ballot paper account) and the papers counted face down, with the unused, spoilt and tendered papers of the account; add the postal ballot papers. The verified total is the sum of the papers counted. A box whose variance is not explained keeps the ward from the count.</source>
        <translation>Ar gyfer pob blwch pleidleisio, mewnbynnwch y papurau a ddyroddwyd (o gyfrif papurau pleidleisio'r swyddog llywyddu) a'r papurau a gyfrifwyd wyneb i waered, gyda phapurau'r cyfrif sydd heb eu defnyddio, wedi'u difetha ac a gyflwynwyd; ychwanegwch y papurau pleidleisio drwy'r post. Y cyfanswm wedi'i ddilysu yw swm y papurau a gyfrifwyd. Mae blwch nad yw ei amrywiant wedi'i esbonio yn atal cyfrif y ward.</translation>
    </message>
    <message>
        <source>&amp;Add ballot box…</source>
        <translation>&amp;Ychwanegu blwch…</translation>
    </message>
    <message>
        <source>Add p&amp;ostal papers…</source>
        <translation>Ychwanegu papur&amp;au post…</translation>
    </message>
    <message>
        <source>Remove &amp;selected</source>
        <translation>&amp;Tynnu'r rhes</translation>
    </message>
    <message>
        <source>Verification totals</source>
        <translation>Cyfansymiau dilysu</translation>
    </message>
    <message>
        <source>Explanation of the variance (required when it is not zero)</source>
        <translation>Esboniad o'r amrywiant (gofynnol pan nad yw'n sero)</translation>
    </message>
    <message>
        <source>Explanation of the variance</source>
        <translation>Esboniad o'r amrywiant</translation>
    </message>
    <message>
        <source>Record e&amp;xplanation</source>
        <translation>Cofnodi'r &amp;esboniad</translation>
    </message>
    <message>
        <source>not known</source>
        <translation>anhysbys</translation>
    </message>
    <message>
        <source>&lt;b&gt;Ballot papers verified: {verified}&lt;/b&gt; — boxes {boxes}, postal {postal}. Issued per ballot paper accounts: {issued}. Variance: {variance}.</source>
        <translation>&lt;b&gt;Papurau pleidleisio wedi'u dilysu: {verified}&lt;/b&gt; — blychau {boxes}, drwy'r post {postal}. A ddyroddwyd yn ôl cyfrifon y papurau pleidleisio: {issued}. Amrywiant: {variance}.</translation>
    </message>
    <message>
        <source>Unused {unused}, spoilt {spoilt}, tendered {tendered}.</source>
        <translation>Heb eu defnyddio {unused}, wedi'u difetha {spoilt}, a gyflwynwyd {tendered}.</translation>
    </message>
    <message>
        <source>✖ Explain the variance before the count ({boxes}), or recount the box.</source>
        <translation>✖ Esboniwch yr amrywiant cyn y cyfrif ({boxes}), neu ailgyfrifwch y blwch.</translation>
    </message>
    <message>
        <source>✖ Explain the variance before the count, or recount the box.</source>
        <translation>✖ Esboniwch yr amrywiant cyn y cyfrif, neu ailgyfrifwch y blwch.</translation>
    </message>
    <message>
        <source>✔ Explained: “{explanation}”</source>
        <translation>✔ Wedi'i esbonio: “{explanation}”</translation>
    </message>
    <message>
        <source>Add</source>
        <translation>Ychwanegu</translation>
    </message>
    <message>
        <source>Ballot box or polling station:</source>
        <translation>Blwch pleidleisio neu orsaf bleidleisio:</translation>
    </message>
    <message>
        <source>Label for these postal papers (e.g. 'Postal opening 1'):</source>
        <translation>Label ar gyfer y papurau post hyn (e.e. 'Agor pleidleisiau post 1'):</translation>
    </message>
    <message>
        <source>Not added</source>
        <translation>Heb ei ychwanegu</translation>
    </message>
    <message>
        <source>Not removed</source>
        <translation>Heb ei dynnu</translation>
    </message>
    <message>
        <source>Explanation not recorded</source>
        <translation>Ni chofnodwyd yr esboniad</translation>
    </message>
</context>
<context>
    <name>WardPanel</name>
    <message>
        <source>Choose a ward first.</source>
        <extracomment>each workflow action's button (the one whose state comes from the verdict)</extracomment>
        <translation>Dewiswch ward yn gyntaf.</translation>
    </message>
</context>
<context>
    <name>Words</name>
    <message>
        <source>Not started</source>
        <translation>Heb ddechrau</translation>
    </message>
    <message>
        <source>Verified</source>
        <translation>Wedi'i dilysu</translation>
    </message>
    <message>
        <source>First keying</source>
        <translation>Mewnbynnu cyntaf</translation>
    </message>
    <message>
        <source>Second keying</source>
        <translation>Ail fewnbynnu</translation>
    </message>
    <message>
        <source>Keyings differ</source>
        <translation>Mewnbynnu'n wahanol</translation>
    </message>
    <message>
        <source>Check figures</source>
        <translation>Gwirio ffigurau</translation>
    </message>
    <message>
        <source>Lot required</source>
        <translation>Coelbren</translation>
    </message>
    <message>
        <source>Warning to acknowledge</source>
        <translation>Rhybudd i'w gydnabod</translation>
    </message>
    <message>
        <source>Ready</source>
        <translation>Yn barod</translation>
    </message>
    <message>
        <source>Declared</source>
        <translation>Datganwyd</translation>
    </message>
    <message>
        <source>Uncontested</source>
        <translation>Diwrthwynebiad</translation>
    </message>
    <message>
        <source>key a count sheet (first keying)</source>
        <translation>mewnbynnu taflen gyfrif (mewnbynnu cyntaf)</translation>
    </message>
    <message>
        <source>key a count sheet (second keying)</source>
        <translation>mewnbynnu taflen gyfrif (ail fewnbynnu)</translation>
    </message>
    <message>
        <source>accept one of two differing keyings</source>
        <translation>derbyn un o ddau fewnbynnu gwahanol</translation>
    </message>
    <message>
        <source>add a count sheet</source>
        <translation>ychwanegu taflen gyfrif</translation>
    </message>
    <message>
        <source>show the provisional result</source>
        <translation>dangos y canlyniad dros dro</translation>
    </message>
    <message>
        <source>grant a recount</source>
        <translation>caniatáu ailgyfrif</translation>
    </message>
    <message>
        <source>record a refused recount request</source>
        <translation>cofnodi cais am ailgyfrif a wrthodwyd</translation>
    </message>
    <message>
        <source>record the drawing of lots</source>
        <translation>cofnodi tynnu coelbren</translation>
    </message>
    <message>
        <source>acknowledge a warning</source>
        <translation>cydnabod rhybudd</translation>
    </message>
    <message>
        <source>declare the result</source>
        <translation>datgan y canlyniad</translation>
    </message>
    <message>
        <source>countermand the poll</source>
        <translation>atal y bleidlais</translation>
    </message>
    <message>
        <source>report an error found after the declaration</source>
        <translation>adrodd gwall a ganfuwyd ar ôl y datganiad</translation>
    </message>
    <message>
        <source>(a) want of an official mark</source>
        <translation>(a) dim marc swyddogol</translation>
    </message>
    <message>
        <source>(b) voting for more candidates than the voter was entitled to</source>
        <translation>(b) pleidleisio dros fwy o ymgeiswyr nag yr oedd gan y pleidleisiwr hawl i bleidleisio drostynt</translation>
    </message>
    <message>
        <source>(c) writing or mark by which the voter could be identified</source>
        <translation>(c) ysgrifen neu farc y gellid adnabod y pleidleisiwr drwyddo</translation>
    </message>
    <message>
        <source>(d) being unmarked or wholly void for uncertainty</source>
        <translation>(d) heb ei farcio neu’n gwbl ddi-rym oherwydd ansicrwydd</translation>
    </message>
    <message>
        <source>rejected in part (clear votes counted)</source>
        <translation>a wrthodwyd yn rhannol (cyfrifwyd y pleidleisiau clir)</translation>
    </message>
    <message>
        <source>incomplete</source>
        <translation>anghyflawn</translation>
    </message>
    <message>
        <source>lot required</source>
        <translation>angen coelbren</translation>
    </message>
    <message>
        <source>ready</source>
        <translation>yn barod</translation>
    </message>
    <message>
        <source>declared</source>
        <translation>datganwyd</translation>
    </message>
    <message>
        <source>uncontested</source>
        <translation>diwrthwynebiad</translation>
    </message>
    <message>
        <source>countermanded</source>
        <translation>pleidlais wedi'i hatal</translation>
    </message>
    <message>
        <source>January</source>
        <translation>Ionawr</translation>
    </message>
    <message>
        <source>February</source>
        <translation>Chwefror</translation>
    </message>
    <message>
        <source>March</source>
        <translation>Mawrth</translation>
    </message>
    <message>
        <source>April</source>
        <translation>Ebrill</translation>
    </message>
    <message>
        <source>May</source>
        <translation>Mai</translation>
    </message>
    <message>
        <source>June</source>
        <translation>Mehefin</translation>
    </message>
    <message>
        <source>July</source>
        <translation>Gorffennaf</translation>
    </message>
    <message>
        <source>August</source>
        <translation>Awst</translation>
    </message>
    <message>
        <source>September</source>
        <translation>Medi</translation>
    </message>
    <message>
        <source>October</source>
        <translation>Hydref</translation>
    </message>
    <message>
        <source>November</source>
        <translation>Tachwedd</translation>
    </message>
    <message>
        <source>December</source>
        <translation>Rhagfyr</translation>
    </message>
    <message>
        <source>Monday</source>
        <translation>Dydd Llun</translation>
    </message>
    <message>
        <source>Tuesday</source>
        <translation>Dydd Mawrth</translation>
    </message>
    <message>
        <source>Wednesday</source>
        <translation>Dydd Mercher</translation>
    </message>
    <message>
        <source>Thursday</source>
        <translation>Dydd Iau</translation>
    </message>
    <message>
        <source>Friday</source>
        <translation>Dydd Gwener</translation>
    </message>
    <message>
        <source>Saturday</source>
        <translation>Dydd Sadwrn</translation>
    </message>
    <message>
        <source>Sunday</source>
        <translation>Dydd Sul</translation>
    </message>
    <message>
        <source>{weekday} {day} {month} {year}</source>
        <translation>{weekday} {day} {month} {year}</translation>
    </message>
    <message>
        <source>1 seat</source>
        <translation>1 sedd</translation>
    </message>
    <message>
        <source>{n} seats</source>
        <translation>{n} sedd</translation>
    </message>
    <message>
        <source>{seats} with the longer term ({years} years)</source>
        <translation>{seats} gyda'r tymor hwy ({years} o flynyddoedd)</translation>
    </message>
</context>
</TS>