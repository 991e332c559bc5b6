-- Reports: the protocols of a calibration session (typical-2023 ¶41, wko-2026 ¶23: «оформляется
-- соответствующим протоколом») and of an evaluation commission meeting (akmola-2018 ¶36–39, seed 000
-- appendix 11: «Бағалау жөніндегі комиссия отырысының хаттамасы», approved by the authorised person,
-- with the column «Бағалау нәтижелері комиссиямен түзетілуі (бар болған жағдайда)»), each as one
-- self-contained HTML document made of the pieces of html.sql. Every number and decision is the
-- stored one: calibration_majority and commission_tally count the votes, result_decision holds what
-- was recorded; the forms compute nothing of their own.
--
-- A protocol is all or nothing: before printing, protocol_check compares the rows the caller can see
-- (protocol_rows) with the rows there are (access_protocol_rows, run as the owner); any difference is
-- 42501, so row-level security never yields a protocol with members, votes or results missing.

INSERT INTO ocenka.form_label_text (key, lang, label) VALUES
	-- the calibration protocol: seeds 000/004 ¶41 (kk) and 002 ¶22–23 (ru); its title is our wording of «тиісті хаттама»
	('title.calibration', 'kk', 'Калибрлеу сессиясының хаттамасы'),
	('title.calibration', 'ru', 'Протокол калибровочной сессии'),
	('title.calibration', 'en', 'Calibration session protocol'),
	('calibration.rule', 'kk', 'Қорытынды баға калибрлеу сессиясы қатысушыларының басым дауысымен қабылданады және тиісті хаттамамен рәсімделеді.'),
	('calibration.rule', 'ru', 'Итоговая оценка принимается большинством голосов членов калибровочной сессии и оформляется соответствующим протоколом.'),
	('calibration.rule', 'en', 'The final grade is taken by a majority of the votes of the calibration session''s members and recorded in its protocol.'),
	('calibration.correction', 'kk', 'Бағалауды түзету көтерілу жағына да, төмендеу жағына да жүзеге асырылады.'),
	('calibration.correction', 'ru', 'Корректировка оценки осуществляется как в сторону повышения, так и в сторону понижения.'),
	('calibration.correction', 'en', 'A grade may be corrected upwards or downwards.'),
	('protocol.document', 'kk', 'Хаттама (нөмірі, күні)'),
	('protocol.document', 'ru', 'Протокол (номер, дата)'),
	('protocol.document', 'en', 'Protocol (number, date)'),
	('protocol.held_on', 'kk', 'Отырыс күні'),
	('protocol.held_on', 'ru', 'Дата заседания'),
	('protocol.held_on', 'en', 'Date of the meeting'),
	('protocol.signed_on', 'kk', 'Хаттамаға қол қойылған күн'),
	('protocol.signed_on', 'ru', 'Дата подписания протокола'),
	('protocol.signed_on', 'en', 'Protocol signed on'),
	('protocol.ordered', 'kk', 'Калибрлеу сессиясын өткізу және оның құрамын бекіту туралы шешім'),
	('protocol.ordered', 'ru', 'Решение о проведении калибровочной сессии и утверждении ее состава'),
	('protocol.ordered', 'en', 'Decision to hold the session and approve its composition'),
	('protocol.filed_on', 'kk', 'Қызметшінің өтініші түскен күн'),
	('protocol.filed_on', 'ru', 'Дата обращения служащего'),
	('protocol.filed_on', 'en', 'Application filed on'),
	('protocol.members', 'kk', 'Құрамы'),
	('protocol.members', 'ru', 'Состав'),
	('protocol.members', 'en', 'Composition'),
	('protocol.results', 'kk', 'Бағалау нәтижелері'),
	('protocol.results', 'ru', 'Результаты оценки'),
	('protocol.results', 'en', 'Evaluation results'),
	('protocol.votes', 'kk', 'Дауыс беру'),
	('protocol.votes', 'ru', 'Голосование'),
	('protocol.votes', 'en', 'Votes'),
	('protocol.heard', 'kk', 'Бағалаушы адам бағаланатын адамның жұмысын қысқаша сипаттады және өз бағасын дәлелдеді'),
	('protocol.heard', 'ru', 'Оценивающее лицо кратко описало работу оцениваемого лица и аргументировало свою оценку'),
	('protocol.heard', 'en', 'The evaluator described the evaluatee''s work and argued the grade'),
	('protocol.applicant', 'kk', 'Бағаланатын адамның келіспеуі'),
	('protocol.applicant', 'ru', 'Несогласие оцениваемого лица с оценкой'),
	('protocol.applicant', 'en', 'The evaluatee''s disagreement'),
	('protocol.recorded', 'kk', 'Хаттама ақпараттық жүйеге орналастырылды'),
	('protocol.recorded', 'ru', 'Протокол размещен в информационной системе'),
	('protocol.recorded', 'en', 'Protocol recorded in the information system'),
	('protocol.unrecorded', 'kk', 'хаттама әлі тіркелмеген'),
	('protocol.unrecorded', 'ru', 'протокол еще не зарегистрирован'),
	('protocol.unrecorded', 'en', 'the protocol is not recorded yet'),
	('protocol.voted', 'kk', 'Дауыс бергендер: %1$s, құрам мүшелерінің саны: %2$s; қорытынды баға үшін кемінде %3$s дауыс қажет'),
	('protocol.voted', 'ru', 'Проголосовали: %1$s из %2$s членов; для итоговой оценки необходимо не менее %3$s голосов'),
	('protocol.voted', 'en', '%1$s of the %2$s members voted; the final grade needs at least %3$s votes'),
	('col.fullname', 'kk', 'Т.А.Ә.'),
	('col.fullname', 'ru', 'Ф.И.О.'),
	('col.fullname', 'en', 'Full name'),
	('col.role', 'kk', 'Рөлі'),
	('col.role', 'ru', 'Роль'),
	('col.role', 'en', 'Role'),
	('col.vote', 'kk', 'Дауыс'),
	('col.vote', 'ru', 'Голос'),
	('col.vote', 'en', 'Vote'),
	('col.present', 'kk', 'Қатысуы'),
	('col.present', 'ru', 'Присутствие'),
	('col.present', 'en', 'Attendance'),
	('col.before', 'kk', 'Бағалаушының бағасы'),
	('col.before', 'ru', 'Оценка оценивающего лица'),
	('col.before', 'en', 'Evaluator''s grade'),
	('col.tally', 'kk', 'Дауыстар'),
	('col.tally', 'ru', 'Голоса'),
	('col.tally', 'en', 'Votes cast'),
	('col.final', 'kk', 'Қорытынды баға'),
	('col.final', 'ru', 'Итоговая оценка'),
	('col.final', 'en', 'Final grade'),
	('col.outcome', 'kk', 'Шешім'),
	('col.outcome', 'ru', 'Решение'),
	('col.outcome', 'en', 'Decision'),
	('col.evaluation', 'kk', 'Бағалау нәтижесі'),
	('col.evaluation', 'ru', 'Результат оценки'),
	('col.evaluation', 'en', 'Evaluation result'),
	('col.decided_how', 'kk', 'Дауыс беру қорытындысы'),
	('col.decided_how', 'ru', 'Итоги голосования'),
	('col.decided_how', 'en', 'Outcome of the vote'),
	-- seed 000 ¶65, seed 001 ¶38: the protocol's column
	('col.corrected', 'kk', 'Бағалау нәтижелері комиссиямен түзетілуі (бар болған жағдайда)'),
	('col.corrected', 'ru', 'Корректировка результатов оценки комиссией (в случае наличия)'),
	('col.corrected', 'en', 'Evaluation results corrected by the commission (if any)'),
	('role.chair', 'kk', 'Комиссия төрағасы'),
	('role.chair', 'ru', 'Председатель комиссии'),
	('role.chair', 'en', 'Chair of the commission'),
	('role.member', 'kk', 'Комиссия мүшесі'),
	('role.member', 'ru', 'Член комиссии'),
	('role.member', 'en', 'Member of the commission'),
	('role.secretary', 'kk', 'Комиссияның хатшысы'),
	('role.secretary', 'ru', 'Секретарь комиссии'),
	('role.secretary', 'en', 'Secretary of the commission'),
	('role.session_member', 'kk', 'Калибрлеу сессиясының мүшесі'),
	('role.session_member', 'ru', 'Член калибровочной сессии'),
	('role.session_member', 'en', 'Member of the calibration session'),
	('role.session_hr', 'kk', 'Калибрлеу сессиясының мүшесі (персоналды басқару қызметі)'),
	('role.session_hr', 'ru', 'Член калибровочной сессии (служба управления персоналом)'),
	('role.session_hr', 'en', 'Member of the calibration session (HR service)'),
	('present.yes', 'kk', 'қатысты'),
	('present.yes', 'ru', 'присутствовал(а)'),
	('present.yes', 'en', 'present'),
	('present.no', 'kk', 'қатыспады'),
	('present.no', 'ru', 'отсутствовал(а)'),
	('present.no', 'en', 'absent'),
	('present.none', 'kk', 'дауыс бермейді'),
	('present.none', 'ru', 'не голосует'),
	('present.none', 'en', 'does not vote'),
	('vote.approve', 'kk', 'бекіту'),
	('vote.approve', 'ru', 'утвердить'),
	('vote.approve', 'en', 'approve'),
	('vote.none', 'kk', 'көпшілік жоқ'),
	('vote.none', 'ru', 'нет большинства'),
	('vote.none', 'en', 'no majority'),
	('decided.majority', 'kk', 'көпшілік дауыс: %1$s / %2$s'),
	('decided.majority', 'ru', 'большинством голосов: %1$s из %2$s'),
	('decided.majority', 'en', 'by a majority: %1$s of %2$s'),
	('decided.chair', 'kk', 'дауыс саны тең (%s): комиссия төрағасының дауысы шешуші'),
	('decided.chair', 'ru', 'при равенстве голосов (%s) решающий голос председателя комиссии'),
	('decided.chair', 'en', 'a tie (%s): the chair''s casting vote decided'),
	('decided.none', 'kk', 'шешім жоқ'),
	('decided.none', 'ru', 'решение не принято'),
	('decided.none', 'en', 'no decision'),
	-- seed 000 appendix 11 (kk); ru and en ours
	('title.commission', 'kk', 'Бағалау жөніндегі комиссия отырысының хаттамасы'),
	('title.commission', 'ru', 'Протокол заседания комиссии по оценке'),
	('title.commission', 'en', 'Protocol of the evaluation commission meeting'),
	('approve.official', 'kk', 'Лауазымды тұлға'),
	('approve.official', 'ru', 'Должностное лицо'),
	('approve.official', 'en', 'Authorised official'),
	('commission.period', 'kk', 'бағалау мерзімі %s жыл'),
	('commission.period', 'ru', 'период оценки: %s год'),
	('commission.period', 'en', 'evaluation period: %s'),
	('commission.order', 'kk', 'Комиссияны құру туралы өкім'),
	('commission.order', 'ru', 'Распоряжение о создании комиссии'),
	('commission.order', 'en', 'Order forming the commission'),
	('commission.notified', 'kk', 'Бағалауды жүргізетін тұлғаларды хабарлау күні'),
	('commission.notified', 'ru', 'Дата уведомления оценивающих лиц'),
	('commission.notified', 'en', 'Evaluators notified on'),
	('commission.unapproved', 'kk', 'Бағалау нәтижелері әлі бекітілмеген'),
	('commission.unapproved', 'ru', 'Результаты оценки еще не утверждены'),
	('commission.unapproved', 'en', 'The results are not approved yet'),
	-- seed 001 ¶30 and ¶33 (kk); ru and en ours
	('commission.quorum', 'kk', 'Комиссияның отырысы оның құрамының кем дегенде үштен екісі қатысқан жағдайда өкілетті болып есептеледі.'),
	('commission.quorum', 'ru', 'Заседание Комиссии считается правомочным, если на нем присутствовали не менее двух третей ее состава.'),
	('commission.quorum', 'en', 'The meeting is competent when at least two thirds of the commission''s members are present.'),
	('commission.vote', 'kk', 'Дауыс беру қорытындысы Комиссия мүшелерінің көпшілік дауысымен айқындалады. Дауыс саны тең болған жағдайда, бағалау жөніндегі комиссия төрағасының дауысы шешуші болып табылады.'),
	('commission.vote', 'ru', 'Итоги голосования определяются большинством голосов членов Комиссии. В случае равенства голосов голос председателя комиссии по оценке является решающим.'),
	('commission.vote', 'en', 'The vote is decided by a majority of the commission''s members; on a tie the chair''s vote decides.'),
	('commission.present', 'kk', 'Қатысқандар: дауыс беретін %2$s мүшенің %1$s; кворум: %3$s'),
	('commission.present', 'ru', 'Присутствовали: %1$s из %2$s голосующих членов; кворум: %3$s'),
	('commission.present', 'en', 'Present: %1$s of the %2$s voting members; quorum: %3$s'),
	('quorum.met', 'kk', 'бар'),
	('quorum.met', 'ru', 'имеется'),
	('quorum.met', 'en', 'met'),
	('quorum.not_met', 'kk', 'жоқ'),
	('quorum.not_met', 'ru', 'отсутствует'),
	('quorum.not_met', 'en', 'not met'),
	('kpi.achieved', 'kk', 'НМИ қол жеткізілді: %1$s / %2$s'),
	('kpi.achieved', 'ru', 'достигнуто КЦИ: %1$s из %2$s'),
	('kpi.achieved', 'en', 'KPIs achieved: %1$s of %2$s');

-- The rows a protocol is made of, counted as the caller sees them: calibration — the session, its
-- application, the contested result, its sheet, the members, the votes, the decisions recorded;
-- commission — the meeting, its order, the composition, the attendance, the votes, the annual results
-- voted on (its decisions are the count of the votes, commission_tally, not result_decision's rows).
-- NULL for another kind.
CREATE FUNCTION ocenka.protocol_rows(p_kind text, p_id bigint) RETURNS bigint[]
	LANGUAGE sql STABLE PARALLEL SAFE
	RETURN CASE p_kind
	WHEN 'calibration' THEN ARRAY[
		(SELECT count(*) FROM ocenka.calibration_session s WHERE s.id = p_id),
		(SELECT count(*) FROM ocenka.calibration_session s JOIN ocenka.calibration_application a ON a.id = s.application_id WHERE s.id = p_id),
		(SELECT count(*) FROM ocenka.calibration_session s JOIN ocenka.calibration_application a ON a.id = s.application_id
		 JOIN ocenka.quarter_result r ON r.employee_id = a.employee_id AND r.q = a.q WHERE s.id = p_id),
		(SELECT count(*) FROM ocenka.calibration_session s JOIN ocenka.calibration_application a ON a.id = s.application_id
		 JOIN ocenka.quarter_result r ON r.employee_id = a.employee_id AND r.q = a.q JOIN ocenka.sheet sh ON sh.id = r.sheet_id WHERE s.id = p_id),
		(SELECT count(*) FROM ocenka.calibration_member m WHERE m.session_id = p_id),
		(SELECT count(*) FROM ocenka.calibration_vote v WHERE v.session_id = p_id),
		(SELECT count(*) FROM ocenka.result_decision d WHERE d.kind = 'calibration' AND d.source_id = p_id)]
	WHEN 'commission' THEN ARRAY[
		(SELECT count(*) FROM ocenka.commission_meeting m WHERE m.id = p_id),
		(SELECT count(*) FROM ocenka.commission_meeting m JOIN ocenka.commission_order o ON o.id = m.order_id WHERE m.id = p_id),
		(SELECT count(*) FROM ocenka.commission_meeting m JOIN ocenka.commission_member c ON c.order_id = m.order_id WHERE m.id = p_id),
		(SELECT count(*) FROM ocenka.commission_attendance a WHERE a.meeting_id = p_id),
		(SELECT count(*) FROM ocenka.commission_vote v WHERE v.meeting_id = p_id),
		(SELECT count(*) FROM ocenka.commission_meeting m JOIN ocenka.annual_result r ON r.year = m.year
		 WHERE m.id = p_id AND r.employee_id IN (SELECT v.employee_id FROM ocenka.commission_vote v WHERE v.meeting_id = p_id))]
	END;
COMMENT ON FUNCTION ocenka.protocol_rows(text, bigint) IS 'internal: the rows a calibration (session id) or commission (meeting id) protocol is made of, counted as the caller sees them under row-level security';

CREATE FUNCTION ocenka.access_protocol_rows(p_kind text, p_id bigint) RETURNS bigint[]
	LANGUAGE sql STABLE SECURITY DEFINER PARALLEL SAFE
	SET search_path = pg_catalog, ocenka, pg_temp
	RETURN ocenka.protocol_rows(p_kind, p_id);
COMMENT ON FUNCTION ocenka.access_protocol_rows(text, bigint) IS 'internal: protocol_rows as the extension''s owner sees them (all the rows there are); tells protocol_check whether a protocol exists and whether the caller sees all of it, and nothing else';

-- Refuses to print a protocol that does not exist (22023) or that the caller does not see whole (42501).
CREATE FUNCTION ocenka.protocol_check(p_kind text, p_id bigint) RETURNS void
	LANGUAGE plpgsql STABLE PARALLEL SAFE
AS $$
DECLARE
	there bigint[] := ocenka.access_protocol_rows(p_kind, p_id);
	what text := CASE p_kind WHEN 'calibration' THEN 'calibration session' ELSE 'commission meeting' END;
BEGIN
	IF p_id IS NULL OR there[1] IS DISTINCT FROM 1 THEN
		RAISE EXCEPTION 'no % %', what, coalesce(p_id::text, 'NULL')
			USING ERRCODE = '22023',
			      HINT = CASE p_kind WHEN 'calibration' THEN 'Pass the id of a row of ocenka.calibration_session.'
			                         ELSE 'Pass the id of a row of ocenka.commission_meeting.' END;
	END IF;
	IF ocenka.protocol_rows(p_kind, p_id) IS DISTINCT FROM there THEN
		RAISE EXCEPTION 'permission denied for the protocol of % %', what, p_id
			USING ERRCODE = '42501',
			      DETAIL = format('The role %s does not see every row of it (its members, votes or results).', current_user),
			      HINT = 'A protocol is printed whole or not at all: it is known to the members, the evaluatee and evaluator, the HR service and its head (methodology §11).';
	END IF;
END
$$;
COMMENT ON FUNCTION ocenka.protocol_check(text, bigint) IS 'internal: refuses a protocol that does not exist (22023) or whose rows the caller does not all see (42501), comparing protocol_rows as the caller with access_protocol_rows';

-- A score and its gradation's label under a methodology, as a protocol prints a grade.
CREATE FUNCTION ocenka.form_grade(v numeric, methodology text, lang text) RETURNS text
	LANGUAGE sql IMMUTABLE PARALLEL SAFE
	RETURN CASE WHEN v IS NULL THEN '—'
	            ELSE ocenka.form_number(v, lang) || ' (' || ocenka.gradation_label(ocenka.gradation(v::ocenka.score), lang, methodology) || ')' END;
COMMENT ON FUNCTION ocenka.form_grade(numeric, text, text) IS 'a score as a protocol prints it: the number with the decimal comma in kk and ru and its gradation''s label under the methodology, a dash for NULL';

-- The signature table of a protocol: role, name and a blank to sign, two signatories a row.
CREATE FUNCTION ocenka.html_sign_rows(roles text[], names text[], lang text) RETURNS text
	LANGUAGE sql STABLE PARALLEL SAFE
	RETURN '<table class="sign">'
	    || ocenka.html_row(ARRAY[ocenka.form_label('col.role', lang), ocenka.form_label('col.fullname', lang), ocenka.form_label('sign', lang),
	                             ocenka.form_label('col.role', lang), ocenka.form_label('col.fullname', lang), ocenka.form_label('sign', lang)],
	                       '{}', NULL, 'th')
	    || coalesce((SELECT string_agg(ocenka.html_row(ARRAY[roles[n], names[n], '', coalesce(roles[n + 1], ''), coalesce(names[n + 1], ''), ''],
	                                                   CASE WHEN n + 1 <= cardinality(roles) THEN '{NULL,NULL,blank,NULL,NULL,blank}'
	                                                        ELSE '{NULL,NULL,blank,NULL,NULL,NULL}' END::text[]), '' ORDER BY n)
	                 FROM generate_series(1, cardinality(roles), 2) AS n), '')
	    || '</table>';
COMMENT ON FUNCTION ocenka.html_sign_rows(text[], text[], text) IS 'the signature table of a protocol: for each signatory the role, the name (escaped) and a blank to sign, two signatories a row';

CREATE FUNCTION ocenka.render_calibration_protocol(session_id bigint, lang text DEFAULT 'ru') RETURNS text
	LANGUAGE plpgsql STABLE PARALLEL SAFE
AS $$
DECLARE
	L CONSTANT text := ocenka.form_language(lang);
	c record;
	pos record;
	d record;
	members text;
	roles text[];
	names text[];
	tally text;
	n_members integer;
	n_votes integer;
	majority numeric;
	before numeric;
	outcome text;
	title text;
	doc text;
BEGIN
	PERFORM ocenka.protocol_check('calibration', render_calibration_protocol.session_id);
	SELECT s.*, a.employee_id, a.body_id, a.q, a.filed_on, b.name AS body_name, e.full_name AS applicant,
	       r.score, r.methodology, sh.evaluator_id, ev.full_name AS evaluator_name, ob.full_name AS ordered_by_name
	INTO c
	FROM ocenka.calibration_session s
	JOIN ocenka.calibration_application a ON a.id = s.application_id
	JOIN ocenka.body b ON b.id = a.body_id
	JOIN ocenka.employee e ON e.id = a.employee_id
	JOIN ocenka.quarter_result r ON r.employee_id = a.employee_id AND r.q = a.q
	JOIN ocenka.sheet sh ON sh.id = r.sheet_id
	LEFT JOIN ocenka.employee ev ON ev.id = sh.evaluator_id
	LEFT JOIN ocenka.employee ob ON ob.id = s.ordered_by
	WHERE s.id = render_calibration_protocol.session_id;
	SELECT * INTO pos FROM ocenka.form_position(c.employee_id, c.body_id, ocenka.first_day(c.q), ocenka.last_day(c.q));
	SELECT x.* INTO d FROM ocenka.result_decision x
	WHERE x.kind = 'calibration' AND x.source_id = render_calibration_protocol.session_id ORDER BY x.id LIMIT 1;
	before := coalesce(d.score_before, c.score);
	majority := ocenka.calibration_majority(render_calibration_protocol.session_id);

	-- the members, each with the score voted for and its gradation
	SELECT count(*), count(x.score),
	       string_agg(ocenka.html_row(ARRAY[x.no::text, x.full_name,
	                                        ocenka.form_label(CASE WHEN x.is_hr THEN 'role.session_hr' ELSE 'role.session_member' END, L),
	                                        ocenka.form_grade(x.score, c.methodology, L)], '{num,NULL,NULL,NULL}'), E'\n' ORDER BY x.no),
	       array_agg(ocenka.form_label(CASE WHEN x.is_hr THEN 'role.session_hr' ELSE 'role.session_member' END, L) ORDER BY x.no),
	       array_agg(x.full_name ORDER BY x.no)
	INTO n_members, n_votes, members, roles, names
	FROM (SELECT row_number() OVER (ORDER BY e.full_name, m.employee_id) AS no, e.full_name, m.is_hr, v.score::numeric AS score
	      FROM ocenka.calibration_member m JOIN ocenka.employee e ON e.id = m.employee_id
	      LEFT JOIN ocenka.calibration_vote v ON v.session_id = m.session_id AND v.employee_id = m.employee_id
	      WHERE m.session_id = render_calibration_protocol.session_id) x;
	SELECT string_agg(ocenka.form_number(t.score, L) || ' — ' || t.k, '; ' ORDER BY t.k DESC, t.score DESC)
	INTO tally
	FROM (SELECT v.score::numeric AS score, count(*) AS k FROM ocenka.calibration_vote v
	      WHERE v.session_id = render_calibration_protocol.session_id GROUP BY v.score) t;

	outcome := CASE WHEN d.id IS NOT NULL THEN ocenka.form_label('decision.' || d.outcome, L)
	                WHEN majority IS NULL THEN ocenka.form_label('vote.none', L)
	                ELSE ocenka.form_label(CASE WHEN majority = before THEN 'decision.upheld' ELSE 'decision.revised' END, L)
	                     || ' (' || ocenka.form_label('protocol.unrecorded', L) || ')' END;

	title := ocenka.form_label('title.calibration', L);
	doc := '<h1>' || ocenka.html_escape(title) || '</h1>' || E'\n'
	    || '<p class="subtitle">' || ocenka.html_escape(coalesce(c.protocol_document, '')) || '</p>' || E'\n'
	    || ocenka.html_fields(ARRAY[ocenka.form_label('body', L), ocenka.form_label('protocol.held_on', L), ocenka.form_label('protocol.ordered', L),
	                                ocenka.form_label('protocol.filed_on', L), ocenka.form_label('evaluatee', L), ocenka.form_label('position', L),
	                                ocenka.form_label('period', L), ocenka.form_label('evaluator', L)],
	                          ARRAY[c.body_name, to_char(c.held_on, 'DD.MM.YYYY'),
	                                c.order_document || ', ' || to_char(c.ordered_on, 'DD.MM.YYYY') || coalesce(', ' || c.ordered_by_name, ''),
	                                to_char(c.filed_on, 'DD.MM.YYYY'), c.applicant, pos.position_name, ocenka.form_period(c.q, L), c.evaluator_name]) || E'\n'
	    || '<h2>' || ocenka.html_escape(ocenka.form_label('protocol.members', L)) || '</h2>' || E'\n'
	    || '<table class="members">' || E'\n'
	    || ocenka.html_row(ARRAY[ocenka.form_label('col.no', L), ocenka.form_label('col.fullname', L), ocenka.form_label('col.role', L),
	                             ocenka.form_label('col.vote', L)], '{num,NULL,NULL,NULL}', NULL, 'th') || E'\n'
	    || coalesce(members, '') || E'\n' || '</table>' || E'\n'
	    || '<p class="note">' || ocenka.html_escape(format(ocenka.form_label('protocol.voted', L), n_votes, n_members, n_members / 2 + 1)) || '</p>' || E'\n'
	    || CASE WHEN c.evaluator_heard OR c.evaluator_argument IS NOT NULL
	            THEN '<p class="note"><b>' || ocenka.html_escape(ocenka.form_label('protocol.heard', L)) || '</b>'
	                 || coalesce(': ' || ocenka.html_escape(c.evaluator_argument), '') || '</p>' || E'\n' ELSE '' END
	    || CASE WHEN c.applicant_argument IS NOT NULL
	            THEN '<p class="note"><b>' || ocenka.html_escape(ocenka.form_label('protocol.applicant', L)) || '</b>: '
	                 || ocenka.html_escape(c.applicant_argument) || '</p>' || E'\n' ELSE '' END
	    || '<h2>' || ocenka.html_escape(ocenka.form_label('protocol.results', L)) || '</h2>' || E'\n'
	    || '<table class="results">' || E'\n'
	    || ocenka.html_row(ARRAY[ocenka.form_label('evaluatee', L), ocenka.form_label('col.before', L), ocenka.form_label('col.tally', L),
	                             ocenka.form_label('col.final', L), ocenka.form_label('col.outcome', L)], '{}', NULL, 'th') || E'\n'
	    || ocenka.html_row(ARRAY[c.applicant, ocenka.form_grade(before, c.methodology, L), coalesce(tally, '—'),
	                             CASE WHEN d.id IS NOT NULL THEN ocenka.form_grade(d.score_after, c.methodology, L)
	                                  ELSE ocenka.form_grade(majority, c.methodology, L) END,
	                             outcome], '{}', 'result') || E'\n'
	    || '</table>' || E'\n'
	    || '<p class="note">' || ocenka.html_escape(ocenka.form_label('calibration.rule', L)) || ' '
	    || ocenka.html_escape(ocenka.form_label('calibration.correction', L)) || '</p>' || E'\n'
	    || ocenka.html_fields(ARRAY[ocenka.form_label('protocol.signed_on', L), ocenka.form_label('protocol.recorded', L)],
	                          ARRAY[to_char(c.protocol_signed_on, 'DD.MM.YYYY'), to_char(d.recorded_on, 'DD.MM.YYYY')]) || E'\n'
	    || ocenka.html_sign_rows(roles, names, L);
	RETURN ocenka.html_document(L, title || ' — ' || c.applicant || ', ' || ocenka.form_period(c.q, L), doc);
END
$$;
COMMENT ON FUNCTION ocenka.render_calibration_protocol(bigint, text) IS 'the protocol of one calibration session as a self-contained HTML document for A4, in kk, ru or en (typical-2023 ¶41, wko-2026 ¶22–23): body, date, the decision that ordered it, the evaluatee, period and evaluator, the members with their roles and each one''s vote, how many voted and the majority needed, the evaluator''s and evaluatee''s arguments, the result with the grade before, the votes, the majority grade and the decision recorded, signatures; data escaped; runs with the caller''s rights; 22023 for no such session or an unknown language, 42501 when the caller does not see all its rows';

CREATE FUNCTION ocenka.render_commission_protocol(meeting_id bigint, lang text DEFAULT 'ru') RETURNS text
	LANGUAGE plpgsql STABLE PARALLEL SAFE
AS $$
DECLARE
	L CONSTANT text := ocenka.form_language(lang);
	m record;
	ids bigint[];
	names text[];
	roles text[];
	present boolean[];
	voters bigint[];
	voter_nos bigint[];
	members text;
	results text;
	n_voting integer;
	n_present integer;
	title text;
	doc text;
BEGIN
	PERFORM ocenka.protocol_check('commission', render_commission_protocol.meeting_id);
	SELECT x.*, b.name AS body_name, o.number AS order_number, o.signed_on AS order_signed_on,
	       ap.full_name AS approved_by_name, ocenka.commission_methodology(x.body_id, make_date(x.year, 12, 31)) AS methodology
	INTO m
	FROM ocenka.commission_meeting x
	JOIN ocenka.body b ON b.id = x.body_id
	JOIN ocenka.commission_order o ON o.id = x.order_id
	LEFT JOIN ocenka.employee ap ON ap.id = x.approved_by
	WHERE x.id = render_commission_protocol.meeting_id;

	-- the composition in the protocol's order: the chair, the members, the secretary, numbered
	SELECT array_agg(x.employee_id ORDER BY x.no), array_agg(x.full_name ORDER BY x.no), array_agg(x.role ORDER BY x.no),
	       array_agg(x.present ORDER BY x.no)
	INTO ids, names, roles, present
	FROM (SELECT row_number() OVER (ORDER BY array_position(ARRAY['chair', 'member', 'secretary'], cm.role), e.full_name, cm.employee_id) AS no,
	             cm.employee_id, e.full_name, cm.role, coalesce(a.present, false) AS present
	      FROM ocenka.commission_member cm JOIN ocenka.employee e ON e.id = cm.employee_id
	      LEFT JOIN ocenka.commission_attendance a ON a.meeting_id = m.id AND a.employee_id = cm.employee_id
	      WHERE cm.order_id = m.order_id) x;
	SELECT string_agg(ocenka.html_row(ARRAY[p.no::text, p.full_name, ocenka.form_label('role.' || p.role, L),
	                                        ocenka.form_label(CASE WHEN p.present THEN 'present.yes' ELSE 'present.no' END, L)],
	                                  '{num,NULL,NULL,NULL}'), E'\n' ORDER BY p.no),
	       count(*) FILTER (WHERE p.role <> 'secretary'), count(*) FILTER (WHERE p.role <> 'secretary' AND p.present),
	       array_agg(p.employee_id ORDER BY p.no) FILTER (WHERE p.role <> 'secretary' AND p.present),
	       array_agg(p.no ORDER BY p.no) FILTER (WHERE p.role <> 'secretary' AND p.present)
	INTO members, n_voting, n_present, voters, voter_nos
	FROM unnest(ids, names, roles, present) WITH ORDINALITY AS p(employee_id, full_name, role, present, no);

	-- each result voted on: the computed gradation, each present voting member's vote, how it was decided, the correction
	SELECT string_agg(ocenka.html_row(
	           ARRAY[t.no::text, t.full_name || coalesce(', ' || pos.position_name, ''),
	                 ocenka.gradation_label(t.computed, L, m.methodology)
	                 || coalesce('; ' || format(ocenka.form_label('kpi.achieved', L), r.kpi_achieved, r.kpi_total), '')]
	           || ARRAY(SELECT coalesce(CASE v.vote WHEN 'approve' THEN ocenka.form_label('vote.approve', L)
	                                                ELSE ocenka.gradation_label(v.gradation, L, m.methodology) END, '—')
	                    FROM unnest(voters) WITH ORDINALITY AS vv(voter, k)
	                    LEFT JOIN ocenka.commission_vote v ON v.meeting_id = m.id AND v.employee_id = t.employee_id AND v.voter_id = vv.voter
	                    ORDER BY vv.k)
	           || ARRAY[CASE t.decided_how
	                        WHEN 'majority' THEN format(ocenka.form_label('decided.majority', L), t.tally ->> t.decided::text, t.present)
	                        WHEN 'chair' THEN format(ocenka.form_label('decided.chair', L),
	                                                 (SELECT string_agg(x.value, ' : ' ORDER BY x.value::int DESC, x.key) FROM jsonb_each_text(t.tally) x))
	                        ELSE ocenka.form_label('decided.none', L) END,
	                    CASE WHEN t.decided IS DISTINCT FROM t.computed AND t.decided IS NOT NULL
	                         THEN ocenka.gradation_label(t.decided, L, m.methodology) ELSE '' END],
	           ARRAY['num', NULL, NULL] || array_fill(NULL::text, ARRAY[coalesce(array_length(voters, 1), 0)]) || ARRAY[NULL, NULL]::text[],
	           CASE WHEN t.decided_how = 'chair' THEN 'casting' END), E'\n' ORDER BY t.no)
	INTO results
	FROM (SELECT row_number() OVER (ORDER BY e.full_name, x.employee_id) AS no, e.full_name, x.*
	      FROM ocenka.commission_tally(ARRAY[m.id]) x JOIN ocenka.employee e ON e.id = x.employee_id) t
	LEFT JOIN ocenka.annual_result r ON r.employee_id = t.employee_id AND r.year = m.year
	LEFT JOIN LATERAL ocenka.form_position(t.employee_id, m.body_id, make_date(m.year, 1, 1), make_date(m.year, 12, 31)) pos ON true;

	title := ocenka.form_label('title.commission', L);
	doc := '<p class="approval">' || ocenka.html_escape(ocenka.form_label('approve', L)) || '<br>'
	    || ocenka.html_escape(ocenka.form_label('approve.official', L)) || '<br>'
	    || coalesce('<b>' || ocenka.html_escape(m.approved_by_name) || '</b><br>', '')
	    || ocenka.html_escape(ocenka.form_label('date', L)) || ' ' || coalesce(to_char(m.approved_on, 'DD.MM.YYYY'), '____________') || '<br>'
	    || ocenka.html_escape(ocenka.form_label('sign', L)) || ' ____________</p>' || E'\n'
	    || '<h1>' || ocenka.html_escape(title) || coalesce(' № ' || ocenka.html_escape(m.protocol_no), '') || '</h1>' || E'\n'
	    || '<p class="subtitle">' || ocenka.html_escape(m.body_name) || '<br>'
	    || ocenka.html_escape(format(ocenka.form_label('commission.period', L), m.year)) || '</p>' || E'\n'
	    || ocenka.html_fields(ARRAY[ocenka.form_label('protocol.held_on', L), ocenka.form_label('commission.order', L),
	                                ocenka.form_label('commission.notified', L)],
	                          ARRAY[to_char(m.held_on, 'DD.MM.YYYY'), '№ ' || m.order_number || ', ' || to_char(m.order_signed_on, 'DD.MM.YYYY'),
	                                to_char(m.notified_on, 'DD.MM.YYYY')]) || E'\n'
	    || '<h2>' || ocenka.html_escape(ocenka.form_label('protocol.members', L)) || '</h2>' || E'\n'
	    || '<table class="members">' || E'\n'
	    || ocenka.html_row(ARRAY[ocenka.form_label('col.no', L), ocenka.form_label('col.fullname', L), ocenka.form_label('col.role', L),
	                             ocenka.form_label('col.present', L)], '{num,NULL,NULL,NULL}', NULL, 'th') || E'\n'
	    || coalesce(members, '') || E'\n' || '</table>' || E'\n'
	    || '<p class="note">' || ocenka.html_escape(format(ocenka.form_label('commission.present', L), n_present, n_voting,
	                                                       ocenka.form_label(CASE WHEN 3 * n_present >= 2 * n_voting THEN 'quorum.met' ELSE 'quorum.not_met' END, L)))
	    || ' ' || ocenka.html_escape(ocenka.form_label('commission.quorum', L)) || '</p>' || E'\n'
	    || '<h2>' || ocenka.html_escape(ocenka.form_label('protocol.results', L)) || '</h2>' || E'\n'
	    || '<table class="results commission">' || E'\n'
	    || '<tr><th rowspan="2" class="num">' || ocenka.html_escape(ocenka.form_label('col.no', L)) || '</th><th rowspan="2">'
	    || ocenka.html_escape(ocenka.form_label('evaluatee', L)) || '</th><th rowspan="2">' || ocenka.html_escape(ocenka.form_label('col.evaluation', L))
	    || '</th><th colspan="' || greatest(coalesce(array_length(voters, 1), 0), 1) || '">' || ocenka.html_escape(ocenka.form_label('protocol.votes', L))
	    || '</th><th rowspan="2">' || ocenka.html_escape(ocenka.form_label('col.decided_how', L)) || '</th><th rowspan="2">'
	    || ocenka.html_escape(ocenka.form_label('col.corrected', L)) || '</th></tr>' || E'\n'
	    || ocenka.html_row(coalesce(voter_nos::text[], '{}'), '{}', NULL, 'th') || E'\n'
	    || coalesce(results, '') || E'\n' || '</table>' || E'\n'
	    || '<p class="note">' || ocenka.html_escape(ocenka.form_label('commission.vote', L)) || '</p>' || E'\n'
	    || CASE WHEN m.approved_on IS NULL THEN '<p class="note"><b>' || ocenka.html_escape(ocenka.form_label('commission.unapproved', L)) || '</b></p>' || E'\n'
	            ELSE '' END
	    || ocenka.html_sign_rows(ARRAY(SELECT ocenka.form_label('role.' || r, L) FROM unnest(roles) WITH ORDINALITY AS x(r, n) ORDER BY n), names, L);
	RETURN ocenka.html_document(L, title || ' — ' || m.body_name || ', ' || m.year, doc);
END
$$;
COMMENT ON FUNCTION ocenka.render_commission_protocol(bigint, text) IS 'the protocol of one evaluation commission meeting as a self-contained HTML document for A4, in kk, ru or en (seed 000 appendix 11, akmola-2018 ¶29–39): the approval block, body, year, date, the order and the notice, the composition with roles (chair, members, secretary) and attendance, the quorum, each annual result voted on with its computed gradation, each present member''s vote, how the vote decided (a majority, or the chair''s casting vote on a tie) and the column "corrected by the commission", signatures; data escaped; runs with the caller''s rights; 22023 for no such meeting or an unknown language, 42501 when the caller does not see all its rows';
