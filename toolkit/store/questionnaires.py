"""Online questionnaires (issue 18): the team builds them and sends links; participants answer.

The team's side goes through :func:`writing` like every use case. The participant's side is two
functions, :func:`open_questionnaire` and :func:`save_answers`, that take nothing but a link's
token: they act as no person of the team, check the token's hash, its revocation and its expiry
(``toolkit.clock``), and reach only that link's questionnaire. Their writes lock the workspace and
bump its revision like any other, and the audit trail names the questionnaire as the author.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import timedelta

from sqlalchemy import Connection, Engine, and_, delete, func, insert, or_, select, update

from toolkit import access, clock
from toolkit.domain import CONTRIBUTION_TYPES, Actor, status_dates
from toolkit.i18n import t
from toolkit.questionnaires import (
    MAX_INTRO,
    AnswerError,
    Form,
    Link,
    Question,
    Questionnaire,
    Response,
    clean_answer,
    clean_options,
    closing_date,
    contribution_text,
    expired,
    new_token,
    offered_actors,
    plausible_token,
    question_problem,
    tie_pairs,
    token_hash,
)
from toolkit.store.columns import checked
from toolkit.store.engine import StoreError
from toolkit.store.tables import (
    actors,
    consultations,
    contributions,
    participants,
    questionnaire_answers,
    questionnaire_links,
    questionnaire_questions,
    questionnaire_responses,
    questionnaires,
    relations,
    vocab_terms,
    workspaces,
)
from toolkit.store.workspaces import reading, writing
from toolkit.text import clean

OPEN_LINK_PER_MINUTE = 30  # new answers through one open link in a minute
PER_CLIENT_PER_MINUTE = 5  # new answers from one client address in a minute
LANGUAGES = ("es", "en", "pt", "fr")


# -- rows to objects -------------------------------------------------------------------------


def _question(row) -> Question:
    return Question(
        kind=row.kind,
        text=row.text,
        options=list(row.options or []),
        contribution_type=row.contribution_type,
        theme=row.theme,
        position=row.position,
        id=row.id,
        version=row.version,
    )


def _link(row) -> Link:
    return Link(row.id, row.participant_id, row.issued_at, row.expires_on, row.revoked_at, row.estimated_size)


def _questions(connection: Connection, questionnaire_id: int) -> list[Question]:
    rows = connection.execute(
        select(questionnaire_questions)
        .where(questionnaire_questions.c.questionnaire_id == questionnaire_id)
        .order_by(questionnaire_questions.c.position, questionnaire_questions.c.id)
    ).all()
    return [_question(row) for row in rows]


def _questionnaire_row(connection: Connection, workspace_id: int, consultation_id: int):
    return connection.execute(
        select(questionnaires).where(
            questionnaires.c.workspace_id == workspace_id, questionnaires.c.consultation_id == consultation_id
        )
    ).first()


def _consultation(connection: Connection, workspace_id: int, consultation_id: int):
    row = connection.execute(
        select(consultations).where(consultations.c.id == consultation_id, consultations.c.workspace_id == workspace_id)
    ).first()
    if row is None:
        raise StoreError("consultation_not_found")
    return row


def _ensure(connection: Connection, workspace_id: int, consultation_id: int) -> int:
    """The consultation's questionnaire, made (in the workspace's language) the first time."""
    _consultation(connection, workspace_id, consultation_id)
    row = _questionnaire_row(connection, workspace_id, consultation_id)
    if row is not None:
        return row.id
    language = connection.execute(select(workspaces.c.language).where(workspaces.c.id == workspace_id)).scalar()
    return connection.execute(
        insert(questionnaires).values(
            workspace_id=workspace_id,
            consultation_id=consultation_id,
            intro="",
            language=language if language in LANGUAGES else "es",
            version=1,
        )
    ).inserted_primary_key[0]


# -- the team's side: reading ----------------------------------------------------------------


def get_questionnaire(engine: Engine, workspace_id: int, consultation_id: int) -> Questionnaire | None:
    """The consultation's questionnaire with its questions in order; ``None`` before the first question."""
    with reading(engine, workspace_id) as connection:
        row = _questionnaire_row(connection, workspace_id, consultation_id)
        if row is None:
            return None
        return Questionnaire(
            row.consultation_id, row.intro, row.language, _questions(connection, row.id), row.id, row.version
        )


def list_links(engine: Engine, workspace_id: int, consultation_id: int) -> list[Link]:
    """Every link issued for the consultation's questionnaire, oldest first (revoked ones too)."""
    with reading(engine, workspace_id) as connection:
        rows = connection.execute(
            select(questionnaire_links)
            .join(questionnaires, questionnaires.c.id == questionnaire_links.c.questionnaire_id)
            .where(questionnaires.c.workspace_id == workspace_id, questionnaires.c.consultation_id == consultation_id)
            .order_by(questionnaire_links.c.id)
        ).all()
    return [_link(row) for row in rows]


def _answers_of(connection: Connection, response_ids: list[int]) -> dict[int, dict[int, object]]:
    found: dict[int, dict[int, object]] = {response_id: {} for response_id in response_ids}
    if response_ids:
        for row in connection.execute(
            select(questionnaire_answers).where(questionnaire_answers.c.response_id.in_(response_ids))
        ).all():
            found[row.response_id][row.question_id] = row.value
    return found


def list_responses(engine: Engine, workspace_id: int, consultation_id: int) -> list[Response]:
    """The answers received, one response per participant (or per visit of the open link)."""
    with reading(engine, workspace_id) as connection:
        rows = connection.execute(
            select(questionnaire_responses)
            .join(questionnaires, questionnaires.c.id == questionnaire_responses.c.questionnaire_id)
            .where(questionnaires.c.workspace_id == workspace_id, questionnaires.c.consultation_id == consultation_id)
            .order_by(questionnaire_responses.c.id)
        ).all()
        answers = _answers_of(connection, [row.id for row in rows])
    return [
        Response(row.id, row.participant_id, row.link_id, row.saved_at, row.submitted_at, answers[row.id])
        for row in rows
    ]


# -- the team's side: building ---------------------------------------------------------------


def save_intro(engine: Engine, workspace_id: int, consultation_id: int, intro: str, language: str) -> None:
    """The introduction participants read first, and the language their page speaks."""
    if language not in LANGUAGES:
        raise StoreError("questionnaire_bad_language")
    intro = clean(str(intro or "")).strip()
    if len(intro) > MAX_INTRO:
        raise StoreError("questionnaire_intro_too_long", limit=MAX_INTRO)
    with writing(engine, workspace_id) as connection:
        questionnaire_id = _ensure(connection, workspace_id, consultation_id)
        connection.execute(
            update(questionnaires)
            .where(questionnaires.c.id == questionnaire_id)
            .values(intro=intro, language=language, version=questionnaires.c.version + 1)
        )


def _question_values(question: Question) -> dict[str, object]:
    cleaned = Question(
        kind=question.kind,
        text=" ".join(clean(str(question.text or "")).split()),
        options=clean_options(question.options)
        if question.kind in ("one_choice", "several_choices", "ranking")
        else [],
        contribution_type=question.contribution_type or None,
        theme=" ".join(clean(str(question.theme or "")).split()),
    )
    problem = question_problem(cleaned)
    if problem:
        raise StoreError(problem)
    if cleaned.contribution_type is not None and cleaned.contribution_type not in CONTRIBUTION_TYPES:
        raise StoreError("bad_type")
    if cleaned.kind == "ties":
        cleaned.contribution_type = None  # ties become relations, not contributions
    return checked(
        questionnaire_questions,
        {
            "kind": cleaned.kind,
            "text": cleaned.text,
            "options": cleaned.options,
            "contribution_type": cleaned.contribution_type,
            "theme": cleaned.theme,
        },
    )


def add_question(engine: Engine, workspace_id: int, consultation_id: int, question: Question) -> int:
    """A question at the end of the consultation's questionnaire (made the first time); returns its id."""
    values = _question_values(question)
    with writing(engine, workspace_id) as connection:
        questionnaire_id = _ensure(connection, workspace_id, consultation_id)
        last = connection.execute(
            select(func.max(questionnaire_questions.c.position)).where(
                questionnaire_questions.c.questionnaire_id == questionnaire_id
            )
        ).scalar()
        return connection.execute(
            insert(questionnaire_questions).values(
                workspace_id=workspace_id,
                questionnaire_id=questionnaire_id,
                position=(last or 0) + 1,
                version=1,
                **values,
            )
        ).inserted_primary_key[0]


def _question_row(connection: Connection, workspace_id: int, question_id: int):
    row = connection.execute(
        select(questionnaire_questions).where(
            questionnaire_questions.c.id == question_id, questionnaire_questions.c.workspace_id == workspace_id
        )
    ).first()
    if row is None:
        raise StoreError("questionnaire_question_not_found")
    return row


def update_question(engine: Engine, workspace_id: int, question: Question) -> None:
    """Save a question as edited from ``question.version``; refused if someone saved it in between."""
    values = _question_values(question)
    with writing(engine, workspace_id) as connection:
        _question_row(connection, workspace_id, question.id)
        done = connection.execute(
            update(questionnaire_questions)
            .where(
                questionnaire_questions.c.id == question.id,
                questionnaire_questions.c.version == question.version,
            )
            .values(version=questionnaire_questions.c.version + 1, **values)
        )
        if not done.rowcount:
            raise StoreError("questionnaire_changed")


def move_question(engine: Engine, workspace_id: int, question_id: int, step: int) -> None:
    """Move a question up (``step`` -1) or down (+1) the questionnaire."""
    with writing(engine, workspace_id) as connection:
        row = _question_row(connection, workspace_id, question_id)
        ids = [q.id for q in _questions(connection, row.questionnaire_id)]
        where = ids.index(question_id)
        other = where + (1 if step > 0 else -1)
        if not 0 <= other < len(ids):
            return
        ids[where], ids[other] = ids[other], ids[where]
        for position, moved in enumerate(ids, 1):
            connection.execute(
                update(questionnaire_questions)
                .where(questionnaire_questions.c.id == moved)
                .values(position=position, version=questionnaire_questions.c.version + 1)
            )


def delete_question(engine: Engine, workspace_id: int, question_id: int) -> None:
    """Delete a question and the answers given to it (the contributions made of them stay)."""
    with writing(engine, workspace_id) as connection:
        _question_row(connection, workspace_id, question_id)
        connection.execute(delete(questionnaire_questions).where(questionnaire_questions.c.id == question_id))


# -- the team's side: links ------------------------------------------------------------------


@dataclass
class Issued:
    """Links just issued: participant id -> token (shown once; the store keeps only hashes)."""

    tokens: dict[int, str] = field(default_factory=dict)
    already: list[int] = field(default_factory=list)  # participants whose active link was kept


def _closing(connection: Connection, workspace_id: int, consultation_id: int):
    row = _consultation(connection, workspace_id, consultation_id)
    closes_on = closing_date(row.starts_on, row.ends_on)
    if expired(closes_on, clock.today()):
        raise StoreError("questionnaire_closed")
    return closes_on


def _new_link(connection, workspace_id, questionnaire_id, participant_id, closes_on, size=None) -> str:
    token = new_token()
    connection.execute(
        insert(questionnaire_links).values(
            workspace_id=workspace_id,
            questionnaire_id=questionnaire_id,
            participant_id=participant_id,
            token_hash=token_hash(token),
            issued_at=clock.now(),
            expires_on=closes_on,
            estimated_size=size,
        )
    )
    return token


def _revoke(connection: Connection, questionnaire_id: int, participant_ids: list[int | None]) -> None:
    wanted = [p for p in participant_ids if p is not None]
    who = questionnaire_links.c.participant_id.in_(wanted) if wanted else False
    if None in participant_ids:
        who = or_(who, questionnaire_links.c.participant_id.is_(None))
    connection.execute(
        update(questionnaire_links)
        .where(
            questionnaire_links.c.questionnaire_id == questionnaire_id, questionnaire_links.c.revoked_at.is_(None), who
        )
        .values(revoked_at=clock.now())
    )


def issue_links(
    engine: Engine,
    workspace_id: int,
    consultation_id: int,
    participant_ids: list[int] | None = None,
    reissue: bool = False,
) -> Issued:
    """A personal link for each participant listed (or those given) who declined nothing and has no
    active link; ``reissue``: a new one for each of them, the old one stops working."""
    with writing(engine, workspace_id) as connection:
        closes_on = _closing(connection, workspace_id, consultation_id)
        questionnaire_id = _ensure(connection, workspace_id, consultation_id)
        query = select(participants.c.id).where(
            participants.c.consultation_id == consultation_id,
            participants.c.workspace_id == workspace_id,
            participants.c.status != "declined",
        )
        if participant_ids is not None:
            query = query.where(participants.c.id.in_(participant_ids))
        chosen = list(connection.execute(query.order_by(participants.c.id)).scalars())
        if participant_ids is not None and len(chosen) != len(set(participant_ids)):
            raise StoreError("participant_not_found")
        holding = _holding(connection, questionnaire_id, closes_on)
        result = Issued()
        if reissue:
            _revoke(connection, questionnaire_id, chosen)
        for participant_id in chosen:
            if participant_id in holding and not reissue:
                result.already.append(participant_id)
                continue
            result.tokens[participant_id] = _new_link(
                connection, workspace_id, questionnaire_id, participant_id, closes_on
            )
    return result


def _holding(connection: Connection, questionnaire_id: int, closes_on) -> set[int]:
    """Participants who hold an active link."""
    today = clock.today()
    rows = connection.execute(
        select(questionnaire_links.c.participant_id, questionnaire_links.c.expires_on).where(
            questionnaire_links.c.questionnaire_id == questionnaire_id,
            questionnaire_links.c.revoked_at.is_(None),
            questionnaire_links.c.participant_id.is_not(None),
        )
    ).all()
    return {row.participant_id for row in rows if not expired(row.expires_on, today)}


def revoke_link(engine: Engine, workspace_id: int, link_id: int) -> None:
    """The link stops working at once (its answers stay)."""
    with writing(engine, workspace_id) as connection:
        done = connection.execute(
            update(questionnaire_links)
            .where(questionnaire_links.c.id == link_id, questionnaire_links.c.workspace_id == workspace_id)
            .values(revoked_at=func.coalesce(questionnaire_links.c.revoked_at, clock.now()))
        )
        if not done.rowcount:
            raise StoreError("questionnaire_link_not_found")


def open_link(engine: Engine, workspace_id: int, consultation_id: int, estimated_size: int | None) -> str:
    """One link for a public (anonymous answers); an earlier open link stops working. Returns its token."""
    if estimated_size is not None and not 0 < int(estimated_size) < 100_000_000:
        raise StoreError("questionnaire_bad_size")
    with writing(engine, workspace_id) as connection:
        closes_on = _closing(connection, workspace_id, consultation_id)
        questionnaire_id = _ensure(connection, workspace_id, consultation_id)
        _revoke(connection, questionnaire_id, [None])
        return _new_link(connection, workspace_id, questionnaire_id, None, closes_on, estimated_size)


# -- the team's side: relations participants reported ------------------------------------------


def settle_reported(engine: Engine, workspace_id: int, relation_ids: list[int], confirm: bool) -> int:
    """Confirm relations participants reported (they stay, marked confirmed) or discard them (deleted)."""
    if not relation_ids:
        return 0
    with writing(engine, workspace_id) as connection:
        where = and_(
            relations.c.workspace_id == workspace_id,
            relations.c.id.in_(relation_ids),
            relations.c.report_status == "pending",
        )
        if confirm:
            done = connection.execute(
                update(relations).where(where).values(report_status="confirmed", version=relations.c.version + 1)
            )
        else:
            done = connection.execute(delete(relations).where(where))
    return done.rowcount


# -- the participant's side ------------------------------------------------------------------


def _by_token(connection: Connection, token: object):
    """The link of ``token`` if it may open: unknown, tampered, revoked and expired tokens are refused."""
    if not plausible_token(token):
        raise StoreError("questionnaire_link_invalid")
    row = connection.execute(
        select(questionnaire_links).where(questionnaire_links.c.token_hash == token_hash(token))
    ).first()
    if row is None or row.revoked_at is not None:
        raise StoreError("questionnaire_link_invalid")
    if expired(row.expires_on, clock.today()):
        raise StoreError("questionnaire_link_expired")
    return row


def _response_row(connection: Connection, link, visitor: str | None):
    """The response this link's holder is filling in (personal: theirs; open link: this visit's)."""
    query = select(questionnaire_responses).where(questionnaire_responses.c.questionnaire_id == link.questionnaire_id)
    if link.participant_id is not None:
        query = query.where(questionnaire_responses.c.participant_id == link.participant_id)
    elif visitor:
        query = query.where(
            questionnaire_responses.c.link_id == link.id, questionnaire_responses.c.visitor == token_hash(visitor)
        )
    else:
        return None
    return connection.execute(query.order_by(questionnaire_responses.c.id)).first()


def _relation_types(connection: Connection, workspace_id: int) -> list[str]:
    return list(
        connection.execute(
            select(vocab_terms.c.key)
            .where(vocab_terms.c.workspace_id == workspace_id, vocab_terms.c.vocabulary == "relation_types")
            .order_by(vocab_terms.c.position, vocab_terms.c.id)
        ).scalars()
    )


def _actor_of(connection: Connection, participant_id: int | None) -> int | None:
    if participant_id is None:
        return None
    return connection.execute(select(participants.c.actor_id).where(participants.c.id == participant_id)).scalar()


def open_questionnaire(engine: Engine, token: str, visitor: str | None = None) -> Form:
    """What the holder of ``token`` may see: the consultation's title, the introduction, the
    questions and their own saved answers. Nothing else of the workspace is reachable with it."""
    with engine.connect() as connection:
        link = _by_token(connection, token)
        questionnaire = connection.execute(
            select(questionnaires).where(questionnaires.c.id == link.questionnaire_id)
        ).first()
        title = connection.execute(
            select(consultations.c.title).where(consultations.c.id == questionnaire.consultation_id)
        ).scalar()
        questions = _questions(connection, questionnaire.id)
        personal = link.participant_id is not None
        if not personal:
            questions = [q for q in questions if q.kind != "ties"]  # the open link names nobody in the register
        response = _response_row(connection, link, visitor)
        answers = _answers_of(connection, [response.id])[response.id] if response is not None else {}
        offered: list[tuple[int, str]] = []
        kinds: list[str] = []
        if personal and any(q.kind == "ties" for q in questions):
            offered = _offered(connection, link.workspace_id, _actor_of(connection, link.participant_id))
            kinds = _relation_types(connection, link.workspace_id)
    return Form(
        title=title,
        intro=questionnaire.intro,
        language=questionnaire.language,
        questions=questions,
        answers=answers,
        finished=response is not None and response.submitted_at is not None,
        personal=personal,
        closes_on=link.expires_on,
        actors=offered,
        relation_types=kinds,
    )


def _offered(connection: Connection, workspace_id: int, besides: int | None) -> list[tuple[int, str]]:
    rows = connection.execute(
        select(actors.c.id, actors.c.name, actors.c.kind).where(actors.c.workspace_id == workspace_id)
    ).all()
    return offered_actors([Actor(row.name, id=row.id, kind=row.kind) for row in rows], besides)


@dataclass
class Saved:
    answered: int  # questions answered
    finished: bool


def _rate_limit(connection: Connection, link, client: str | None) -> None:
    since = clock.now() - timedelta(minutes=1)
    recent = (
        select(func.count()).select_from(questionnaire_responses).where(questionnaire_responses.c.started_at >= since)
    )
    if connection.execute(recent.where(questionnaire_responses.c.link_id == link.id)).scalar() >= OPEN_LINK_PER_MINUTE:
        raise StoreError("questionnaire_busy")
    if client and connection.execute(recent.where(questionnaire_responses.c.client == client[:64])).scalar() >= (
        PER_CLIENT_PER_MINUTE
    ):
        raise StoreError("questionnaire_busy")


def save_answers(
    engine: Engine,
    token: str,
    answers: dict[int, object],
    finish: bool,
    visitor: str | None = None,
    client: str | None = None,
) -> Saved:
    """Keep the answers of the holder of ``token`` (saved to finish later, or sent with ``finish``).

    Sending again updates, never duplicates. Once sent, answers to questions tied to a type of
    contribution are contributions of the participant's actor, "who do you work with" answers are
    relations reported by that actor (pending the team's review) and the participant has "answered".
    ``visitor``: the open link's visit key (a random key the page keeps), ``client``: its address.
    """
    with engine.begin() as connection:
        link = _by_token(connection, token)
        # lock the workspace first, as every writer does (see toolkit.store.workspaces.lock_workspace)
        connection.execute(
            update(workspaces).where(workspaces.c.id == link.workspace_id).values(revision=workspaces.c.revision + 1)
        )
        link = _by_token(connection, token)  # revoked while waiting for the lock?
        form = open_questionnaire_in(connection, link)
        typed = _typed(form, answers)
        language = form.language
        with access.acting_as(access.Person(None, t("questionnaires.audit_author", lang=language))):
            response_id = _keep_response(connection, link, visitor, client, finish)
            _keep_answers(connection, link.workspace_id, response_id, typed)
            submitted = (
                finish
                or connection.execute(
                    select(questionnaire_responses.c.submitted_at).where(questionnaire_responses.c.id == response_id)
                ).scalar()
                is not None
            )
            if submitted:
                _what_comes_back(connection, link, response_id, form)
    return Saved(answered=sum(v is not None for v in typed.values()), finished=submitted)


def open_questionnaire_in(connection: Connection, link) -> Form:
    """The questions the link may answer, and what "who do you work with" may name (inside a write)."""
    questionnaire = connection.execute(
        select(questionnaires).where(questionnaires.c.id == link.questionnaire_id)
    ).first()
    questions = _questions(connection, questionnaire.id)
    personal = link.participant_id is not None
    if not personal:
        questions = [q for q in questions if q.kind != "ties"]
    offered = _offered(connection, link.workspace_id, _actor_of(connection, link.participant_id)) if personal else []
    return Form(
        title="",
        intro="",
        language=questionnaire.language,
        questions=questions,
        answers={},
        finished=False,
        personal=personal,
        closes_on=link.expires_on,
        actors=offered,
        relation_types=_relation_types(connection, link.workspace_id) if personal else [],
    )


def _typed(form: Form, answers: dict[int, object]) -> dict[int, object]:
    """Each question's answer as typed (blank: None); an answer to another questionnaire's question is refused."""
    by_id = {q.id: q for q in form.questions}
    if not isinstance(answers, dict) or any(key not in by_id for key in answers):
        raise StoreError("questionnaire_bad_answer")
    offered = {actor_id for actor_id, _ in form.actors}
    typed = {}
    for question_id, value in answers.items():
        try:
            typed[question_id] = clean_answer(by_id[question_id], value, offered, set(form.relation_types))
        except AnswerError as error:
            raise StoreError(error.reason, **error.details) from error
    return typed


def _keep_response(connection: Connection, link, visitor: str | None, client: str | None, finish: bool) -> int:
    now = clock.now()
    row = _response_row(connection, link, visitor)
    done = {"submitted_at": now} if finish else {}
    if row is not None:
        connection.execute(
            update(questionnaire_responses)
            .where(questionnaire_responses.c.id == row.id)
            .values(saved_at=now, link_id=link.id, **done)
        )
        return row.id
    if link.participant_id is None:
        _rate_limit(connection, link, client)
    return connection.execute(
        insert(questionnaire_responses).values(
            workspace_id=link.workspace_id,
            questionnaire_id=link.questionnaire_id,
            link_id=link.id,
            participant_id=link.participant_id,
            visitor=token_hash(visitor) if visitor and link.participant_id is None else None,
            client=(client or None) and str(client)[:64],
            started_at=now,
            saved_at=now,
            submitted_at=now if finish else None,
        )
    ).inserted_primary_key[0]


def _keep_answers(connection: Connection, workspace_id: int, response_id: int, typed: dict[int, object]) -> None:
    stored = {
        row.question_id: row
        for row in connection.execute(
            select(questionnaire_answers).where(questionnaire_answers.c.response_id == response_id)
        ).all()
    }
    for question_id, value in typed.items():
        row = stored.get(question_id)
        if value is None:
            if row is not None:  # taken back: so is the contribution made of it
                connection.execute(delete(questionnaire_answers).where(questionnaire_answers.c.id == row.id))
                if row.contribution_id is not None:
                    connection.execute(delete(contributions).where(contributions.c.id == row.contribution_id))
        elif row is None:
            connection.execute(
                insert(questionnaire_answers).values(
                    workspace_id=workspace_id, response_id=response_id, question_id=question_id, value=value
                )
            )
        elif row.value != value:
            connection.execute(
                update(questionnaire_answers).where(questionnaire_answers.c.id == row.id).values(value=value)
            )


def _what_comes_back(connection: Connection, link, response_id: int, form: Form) -> None:
    """Contributions, reported relations and the participant's status from a sent response."""
    workspace_id, consultation_id = link.workspace_id, _consultation_of(connection, link.questionnaire_id)
    actor_id = _actor_of(connection, link.participant_id)
    by_id = {q.id: q for q in form.questions}
    rows = connection.execute(
        select(questionnaire_answers).where(questionnaire_answers.c.response_id == response_id)
    ).all()
    for row in rows:
        question = by_id.get(row.question_id)
        if question is not None and question.contribution_type and question.kind != "ties":
            _contribution(connection, workspace_id, consultation_id, actor_id, question, row)
    if actor_id is not None:
        ties = next((r.value for r in rows if by_id.get(r.question_id, Question("", "")).kind == "ties"), None)
        _report_ties(connection, workspace_id, actor_id, link.participant_id, ties)
        _mark_answered(connection, link.participant_id)


def _consultation_of(connection: Connection, questionnaire_id: int) -> int:
    return connection.execute(
        select(questionnaires.c.consultation_id).where(questionnaires.c.id == questionnaire_id)
    ).scalar()


def _contribution(connection, workspace_id, consultation_id, actor_id, question: Question, row) -> None:
    values = checked(
        contributions,
        {
            "actor_id": actor_id,
            "theme": question.theme,
            "type": question.contribution_type,
            "text": contribution_text(question, row.value),
            "priority": "medium",
        },
    )
    exists = (
        row.contribution_id is not None
        and connection.execute(select(contributions.c.id).where(contributions.c.id == row.contribution_id)).first()
    )
    if exists:
        changed = [getattr(contributions.c, name) != values[name] for name in ("text", "theme", "type")]
        connection.execute(
            update(contributions)
            .where(contributions.c.id == row.contribution_id, or_(*changed))
            .values(
                text=values["text"], theme=values["theme"], type=values["type"], version=contributions.c.version + 1
            )
        )
        return
    new_id = connection.execute(
        insert(contributions).values(workspace_id=workspace_id, consultation_id=consultation_id, version=1, **values)
    ).inserted_primary_key[0]
    connection.execute(
        update(questionnaire_answers).where(questionnaire_answers.c.id == row.id).values(contribution_id=new_id)
    )


def _report_ties(connection, workspace_id: int, actor_id: int, participant_id: int, ties) -> None:
    """Relations the participant reported: new ones pending review; those taken back (still pending) go."""
    wanted = tie_pairs(ties)
    pending = connection.execute(
        select(relations.c.id, relations.c.target_id, relations.c.type).where(
            relations.c.workspace_id == workspace_id,
            relations.c.source_id == actor_id,
            relations.c.reported_by == actor_id,
            relations.c.report_status == "pending",
        )
    ).all()
    for row in pending:
        if (row.target_id, row.type) not in wanted:
            connection.execute(delete(relations).where(relations.c.id == row.id))
    for target_id, kind in sorted(wanted):
        exists = connection.execute(
            select(relations.c.id).where(
                relations.c.workspace_id == workspace_id,
                relations.c.type == kind,
                or_(
                    and_(relations.c.source_id == actor_id, relations.c.target_id == target_id),
                    and_(relations.c.source_id == target_id, relations.c.target_id == actor_id),
                ),
            )
        ).first()
        if exists is None:
            connection.execute(
                insert(relations).values(
                    workspace_id=workspace_id,
                    source_id=actor_id,
                    target_id=target_id,
                    type=kind,
                    strength=2,
                    directed=False,
                    description="",
                    version=1,
                    custom={},
                    reported_by=actor_id,
                    report_status="pending",
                )
            )


def _mark_answered(connection: Connection, participant_id: int) -> None:
    row = connection.execute(select(participants).where(participants.c.id == participant_id)).first()
    if row is None or row.status in ("answered", "attended"):
        return
    dates = status_dates("answered", clock.today(), row.invited_on, row.responded_on, row.attended_on)
    connection.execute(
        update(participants)
        .where(participants.c.id == participant_id)
        .values(status="answered", version=participants.c.version + 1, **dates)
    )
